namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>Why AUTHENTICATE command data was refused; the command layer maps it to a status word.</summary>
internal enum AuthenticateDataError
{
    None,

    /// <summary>The length bytes do not add up to Lc (data too short, too long, or cut inside a field): 6700.</summary>
    WrongLength,

    /// <summary>Well-formed, but RAND or AUTN has a length the algorithm does not use: 6A80.</summary>
    InvalidData,
}

/// <summary>
/// AUTHENTICATE command data (3GPP TS 31.102 §7.1.2): 3G context 'L RAND || RAND || L AUTN || AUTN', GSM context
/// 'L RAND || RAND'. RAND is 16 bytes; AUTN is 16 bytes for Milenage and the test algorithm, 8 + MAC length for TUAK.
/// </summary>
internal static class AuthenticateCommandData
{
    /// <summary>Status word for a parse error (TS 102 221 §10.2.1.2: 6700 wrong length, 6A80 incorrect data).</summary>
    public static ushort StatusWord(AuthenticateDataError error) => error switch
    {
        AuthenticateDataError.WrongLength => 0x6700,
        AuthenticateDataError.InvalidData => 0x6A80,
        _ => 0x9000,
    };

    /// <summary>
    /// Splits the command data; RAND and AUTN are slices of <paramref name="data"/>. <paramref name="autnLength"/> is
    /// <see cref="AkaParameters.AutnLength"/> (ignored for the GSM context).
    /// </summary>
    public static AuthenticateDataError TryParse(ReadOnlySpan<byte> data, AuthenticationContext context, int autnLength,
        out ReadOnlySpan<byte> rand, out ReadOnlySpan<byte> autn)
    {
        rand = default;
        autn = default;
        if (data.IsEmpty) return AuthenticateDataError.WrongLength;
        int randLength = data[0];
        if (data.Length < 1 + randLength) return AuthenticateDataError.WrongLength;
        var r = data.Slice(1, randLength);
        var rest = data[(1 + randLength)..];
        if (context == AuthenticationContext.Gsm)
        {
            if (!rest.IsEmpty) return AuthenticateDataError.WrongLength;
            if (randLength != 16) return AuthenticateDataError.InvalidData;
            rand = r;
            return AuthenticateDataError.None;
        }
        if (context != AuthenticationContext.Umts) throw new ArgumentOutOfRangeException(nameof(context));
        if (rest.IsEmpty) return AuthenticateDataError.WrongLength;
        int l = rest[0];
        if (rest.Length != 1 + l) return AuthenticateDataError.WrongLength;
        if (randLength != 16 || l != autnLength) return AuthenticateDataError.InvalidData;
        rand = r;
        autn = rest[1..];
        return AuthenticateDataError.None;
    }
}
