namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>What AUTHENTICATE ends in (3GPP TS 31.102 §7.1.2, §7.3).</summary>
internal enum AuthenticationOutcome
{
    /// <summary>RES, CK, IK [Kc] (3G) or SRES, Kc (GSM) in the response data, 9000.</summary>
    Success,

    /// <summary>SQN out of range: 'DC' 0E AUTS, 9000 (TS 31.102 §7.1.2.1, TS 33.102 §6.3.3).</summary>
    SynchronisationFailure,

    /// <summary>MAC-A wrong: no data, 9862 "authentication error, incorrect MAC".</summary>
    MacFailure,

    /// <summary>The context cannot be served with these keys (GSM context with 256-bit RES, CK or IK): no data, 9864.</summary>
    ContextNotSupported,
}

/// <summary>
/// The result of <see cref="Aka.Authenticate"/>: the response data and status word for the command layer, the SQN
/// state to commit (the same instance as the input unless the outcome is <see cref="AuthenticationOutcome.Success"/>
/// in the 3G context), and the individual values as slices of <see cref="ResponseData"/>.
/// </summary>
internal sealed class AuthenticationResult
{
    internal AuthenticationResult(AuthenticationOutcome outcome, ushort statusWord, byte[] responseData, SqnState newState)
    {
        Outcome = outcome;
        StatusWord = statusWord;
        ResponseData = responseData;
        NewState = newState;
    }

    public AuthenticationOutcome Outcome { get; }

    /// <summary>9000, 9862 or 9864.</summary>
    public ushort StatusWord { get; }

    /// <summary>Response data bytes, exactly as sent to the terminal (empty for 9862 / 9864).</summary>
    public byte[] ResponseData { get; }

    /// <summary>The SQN state after the command; persist it before the response leaves the card when it changed.</summary>
    public SqnState NewState { get; }

    /// <summary>True when <see cref="NewState"/> differs from the input state.</summary>
    public bool StateChanged { get; internal init; }

    public ReadOnlyMemory<byte> Res { get; internal init; }

    public ReadOnlyMemory<byte> Ck { get; internal init; }

    public ReadOnlyMemory<byte> Ik { get; internal init; }

    public ReadOnlyMemory<byte> Kc { get; internal init; }

    public ReadOnlyMemory<byte> Sres { get; internal init; }

    public ReadOnlyMemory<byte> Auts { get; internal init; }
}
