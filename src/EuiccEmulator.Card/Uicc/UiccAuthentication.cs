using System.Runtime.CompilerServices;
using EuiccEmulator.Card.Uicc.Auth;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// AUTHENTICATE with the keys of the selected NAA's PE-AKAParameter, and the class A0 RUN GSM ALGORITHM. The SQN
/// state is the profile's: a successful 3G authentication commits it before the response leaves the card.
/// </summary>
// 3GPP TS 31.102 §7.1.1, §7.1.2 (USIM), TS 31.103 §7.1.2 (ISIM), TS 33.102 §6.3.3 and Annex C, TS 51.011 §9.2.16.
internal sealed class UiccAuthentication(UiccRuntime runtime)
{
    // TS 31.102 §7.3: '9862' authentication error, incorrect MAC; '9864' security context not supported.
    private static readonly StatusWord ContextNotSupported = new(0x9864);
    private static readonly StatusWord SecurityNotSatisfied = new(0x6982);
    private const ushort EfUst = 0x6F38;
    private const int ServiceGsmAccess = 27;
    private const int ServiceGsmSecurityContext = 38;

    // Parsed once per built ADF: the parameters cache the algorithm (for Milenage the AES key schedule).
    private readonly ConditionalWeakTable<UiccFile, AkaParameterElement> _elements = new();

    /// <summary>AUTHENTICATE (INS 88) on the channel's current application.</summary>
    public byte[] Authenticate(FileSelection sel, CommandApdu command)
    {
        if (command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var context = command.P2 switch
        {
            0x80 => AuthenticationContext.Gsm,
            0x81 => AuthenticationContext.Umts,
            // VGCS/VBS, GBA, MBMS and local key establishment are defined contexts this card does not offer.
            0x82 or 0x84 or 0x85 or 0x86 => throw new CardException(ContextNotSupported),
            _ => throw new CardException(StatusWord.IncorrectP1P2),
        };
        // §7.1.1: only with the NAA selected, the current DF inside its ADF, and its PIN verified (or disabled).
        var fs = sel.FileSystem!;
        if (sel.Application is not { Kind: FileKind.Adf, AkaParameter: not null } adf || !Inside(sel.Df, adf))
            throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "no NAA with keys selected");
        RequireApplicationPin(fs, adf);
        if (context == AuthenticationContext.Gsm && !ServiceAvailable(adf, ServiceGsmSecurityContext))
            throw new CardException(ContextNotSupported);
        return Run(fs, adf, command.Data.Span, context, includeKc: ServiceAvailable(adf, ServiceGsmAccess));
    }

    /// <summary>Class A0 RUN GSM ALGORITHM: SRES || Kc from the profile's USIM keys (GSM context), CHV1 verified.</summary>
    public byte[] RunGsmAlgorithm(FileSelection sel, CommandApdu command)
    {
        if (command.P1 != 0 || command.P2 != 0) throw new CardException(new StatusWord(0x6B00));
        if (command.Data.Length != 16) throw new CardException(new StatusWord(0x6700));
        var fs = sel.FileSystem!;
        var usim = fs.Adfs.Find(a => a.AkaParameter is not null && a.Child(EfUst) is not null)
            ?? throw new CardException(new StatusWord(0x6985), "no USIM keys in this profile");
        if (fs.GlobalPins.Find(0x01) is { Enabled: true, Verified: false }) throw new CardException(SecurityNotSatisfied);
        // Response of the GSM context is 04 SRES 08 Kc; the A0 response is SRES || Kc without the lengths.
        byte[] data = [16, .. command.Data.Span];
        var answer = Run(fs, usim, data, AuthenticationContext.Gsm, includeKc: false);
        return [.. answer.AsSpan(1, 4), .. answer.AsSpan(6, 8)];
    }

    private byte[] Run(UiccFileSystem fs, UiccFile adf, ReadOnlySpan<byte> data, AuthenticationContext context, bool includeKc)
    {
        var (owner, element) = Keys(fs, adf);
        var parameters = element.Parameters!;
        var error = AuthenticateCommandData.TryParse(data, context, parameters.AutnLength, out var rand, out var autn);
        if (error != AuthenticateDataError.None)
            throw new CardException(new StatusWord(AuthenticateCommandData.StatusWord(error)));
        var state = owner.AuthState is { } stored && SqnState.TryParse(stored, out var parsed) ? parsed! : element.InitialSqn;
        var result = Aka.Authenticate(parameters, state, rand, autn, context, includeKc);
        if (result.StateChanged) Commit(owner, result.NewState.ToBytes());
        if (result.StatusWord != 0x9000) throw new CardException(new StatusWord(result.StatusWord));
        return result.ResponseData;
    }

    // A mappingParameter NAA (an ISIM sharing the USIM's keys) uses the source NAA's keys and SQN array.
    private (UiccFile Owner, AkaParameterElement Element) Keys(UiccFileSystem fs, UiccFile adf)
    {
        var element = Element(adf);
        if (element.MappingSource is not { } source) return (adf, element);
        var owner = fs.Adfs.Find(a => a.Aid is not null && a.Aid.AsSpan().SequenceEqual(source) && a.AkaParameter is not null)
            ?? throw new CardException(new StatusWord(0x6985), "the mapped NAA is not in this profile");
        var ownerElement = Element(owner);
        if (ownerElement.Parameters is null) throw new CardException(new StatusWord(0x6985), "the mapped NAA has no keys");
        return (owner, ownerElement);
    }

    private AkaParameterElement Element(UiccFile adf)
    {
        if (_elements.TryGetValue(adf, out var cached)) return cached;
        if (!AkaParameterElement.TryRead(adf.AkaParameter ?? [], out var element, out var reason))
            throw new CardException(new StatusWord(0x6985), reason);
        _elements.AddOrUpdate(adf, element!);
        return element!;
    }

    private void Commit(UiccFile owner, byte[] state)
    {
        var before = owner.AuthState;
        owner.AuthState = state;
        try
        {
            runtime.Commit();
        }
        catch
        {
            owner.AuthState = before;
            throw;
        }
    }

    internal static bool Inside(UiccFile? df, UiccFile adf)
    {
        for (var f = df; f is not null; f = f.Parent)
            if (ReferenceEquals(f, adf)) return true;
        return false;
    }

    // The application PIN is the ADF's key reference in 01..08 (ETSI TS 102 221 §9.5.1: 81..88 are second PINs,
    // 0A..0E ADM), whatever its place in the PIN status template.
    internal static void RequireApplicationPin(UiccFileSystem fs, UiccFile adf)
    {
        foreach (var key in adf.PinKeyReferences ?? [])
        {
            if (key is < 0x01 or > 0x08) continue;
            if (AccessRules.FindPin(fs, adf, key) is { Enabled: true, Verified: false }) throw new CardException(SecurityNotSatisfied);
            return;
        }
    }

    // EF.UST (TS 31.102 §4.2.8): service n is bit (n-1) mod 8 of byte (n-1) / 8.
    internal static bool ServiceAvailable(UiccFile adf, int service)
    {
        if (adf.Child(EfUst) is not { Kind: FileKind.Transparent } ust) return false;
        var index = (service - 1) / 8;
        return index < ust.Data.Length && (ust.Data[index] & (1 << ((service - 1) % 8))) != 0;
    }
}
