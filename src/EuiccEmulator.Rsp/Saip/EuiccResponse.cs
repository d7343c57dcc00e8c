using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>Encodes the SAIP EUICCResponse the card returns in simaResponse after processing a package.</summary>
// SAIP v3.3.1 PEDefinitions EUICCResponse: 30 { A0 peStatus SEQUENCE OF PEStatus, 81 profileInstallationAborted, 82 statusMessage }.
internal static class EuiccResponse
{
    /// <summary>Success: one PEStatus ok, <c>30 07 A0 05 30 03 80 01 00</c>.</summary>
    public static byte[] Success() => Encode(null);

    /// <summary>
    /// Success when <paramref name="error"/> is null, else one PEStatus for the failing
    /// PE and profileInstallationAborted.
    /// </summary>
    /// <param name="error">The failure, or null.</param>
    /// <param name="includeMessage">Add statusMessage (UTF8String SIZE(2..64)) from the error text.</param>
    public static byte[] Encode(SaipError? error, bool includeMessage = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(Tags.Ctx(0, true)))
            using (writer.PushSequence())
            {
                // PEStatus ::= SEQUENCE { status [0], identification [1] OPT, additional-information [2] OPT, offset [3] OPT }
                writer.WriteInteger((int)(error?.Code ?? PeStatusCode.Ok), Tags.Ctx(0));
                if (error?.Identification is { } id) writer.WriteInteger(id, Tags.Ctx(1));
            }
            if (error is not null)
            {
                writer.WriteNull(Tags.Ctx(1));
                if (includeMessage)
                {
                    var text = new string(error.Message.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
                    if (text.Length > 64) text = text[..64];
                    if (text.Length >= 2) writer.WriteCharacterString(UniversalTagNumber.UTF8String, text, Tags.Ctx(2));
                }
            }
        }
        return writer.Encode();
    }
}
