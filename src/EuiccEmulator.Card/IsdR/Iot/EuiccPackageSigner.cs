using System.Formats.Asn1;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>The bytes an eIM signs over an eUICC Package, and the card's signature over its result.</summary>
internal static class EuiccPackageSigner
{
    /// <summary>What eimSignature covers: EuiccPackageSigned, then (v1.2) the associationToken DO.</summary>
    // SGP.32 v1.2 §2.11.1.1; v1.0 card mode: EuiccPackageSigned alone (see CardOptions.EimSignatureCoversAssociationToken).
    public static byte[] EimSignatureInput(IsdRContext context, byte[] signed, EimRecord eim) =>
        context.Options.EimSignatureWithAssociationToken ? [.. signed, .. AssociationTokenDo(eim.AssociationToken)] : signed;

    /// <summary>associationToken DO as covered by eimSignature: 84 len value, 84 01 00 without a token.</summary>
    // SGP.32 §2.11.1.1
    public static byte[] AssociationTokenDo(long? token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(token ?? 0, Tags.Ctx(4));
        return writer.Encode();
    }

    /// <summary>euiccSignEPR / euiccSignEPE over the result data and the configured trailing data object.</summary>
    public static byte[] SignResult(IsdRContext context, EimRecord eim, PackageHeader package, byte[] resultData)
    {
        var trailer = context.Options.EprSignatureInput == EprSignatureInput.EimSignature
            ? package.EimSignatureDo
            : AssociationTokenDo(eim.AssociationToken);
        var chain = context.Ecasd.FindChain(eim.CiSki) is null ? default : eim.CiSki.AsSpan();
        return context.Ecasd.Sign([.. resultData, .. trailer], chain);
    }
}
