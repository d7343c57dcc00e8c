using System.Formats.Asn1;
using System.Numerics;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.1 LoadEuiccPackage:
// BF51 { 30 EuiccPackageSigned { 80 eimId, 5A eid, 81 counter, 82 txId?, A0 psmoList | A1 ecoList }, 5F37 eimSignature }
// -> BF51 { A0 signed result | A1 signed error | A2 unsigned error }
internal sealed class LoadEuiccPackageHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.LoadEuiccPackage;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var signed = contents.ReadEncodedValue().ToArray();
        var signatureDo = contents.ReadEncodedValue().ToArray();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var signature = new AsnReader(signatureDo, AsnEncodingRules.BER).ReadOctetString(Tags.App(55));

        var fields = new AsnReader(signed, AsnEncodingRules.BER).ReadSequence();
        var package = new PackageHeader
        {
            EimId = fields.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0)),
            Eid = fields.ReadOctetString(Tags.App(26)),
            Counter = fields.ReadInteger(Tags.Ctx(1)),
            TransactionId = fields.HasData && fields.PeekTag().HasSameClassAndValue(Tags.Ctx(2))
                ? fields.ReadOctetString(Tags.Ctx(2))
                : null,
            EimSignatureDo = signatureDo,
        };
        var listTag = fields.PeekTag();
        var isPsmo = listTag.HasSameClassAndValue(Tags.Ctx(0));
        if (!isPsmo && !listTag.HasSameClassAndValue(Tags.Ctx(1)))
            throw new AsnContentException("euiccPackage is neither psmoList nor ecoList");
        var list = fields.ReadSequence(listTag);
        var operations = new List<byte[]>();
        while (list.HasData) operations.Add(list.ReadEncodedValue().ToArray());

        // 1. The eIM and its signature (unsigned error: the card cannot tell the eIM anything it could trust).
        var eim = context.Engine.FindEim(package.EimId);
        var key = eim?.PublicKeyData is { } keyData ? context.EimKeys.GetOrAdd("eim", keyData, EimConfiguration.SigningKey) : null;
        if (eim is null || key is null) return UnsignedError(request, context, package, eim);
        if (!key.Verify(EuiccPackageSigner.EimSignatureInput(context, signed, eim), signature))
            return UnsignedError(request, context, package, eim);
        // 2-5. Checks answered with a signed error; nothing changes, not even the counter.
        if (!package.Eid.AsSpan().SequenceEqual(context.Ecasd.Eid.ToBytes()))
            return SignedError(request, context, eim, package, EuiccPackageErrorCode.InvalidEid);
        if (package.Counter > context.Options.MaxEimCounter)
            return SignedError(request, context, eim, package, EuiccPackageErrorCode.CounterValueOutOfRange);
        if (package.Counter <= eim.Counter) return SignedError(request, context, eim, package, EuiccPackageErrorCode.ReplayError);
        if (context.Engine.EmergencyInUse) return SignedError(request, context, eim, package, EuiccPackageErrorCode.EcallActive);
        if (request.Raw.Length > context.Options.MaxEuiccPackageSize)
            return SignedError(request, context, eim, package, EuiccPackageErrorCode.SizeOverflow);
        // No room to keep its result: refused before any effect (the eIM must acknowledge results first).
        if (context.Engine.PackageResults.Count() >= context.Engine.Limits.MaxPendingPackageResults)
            return SignedError(request, context, eim, package, EuiccPackageErrorCode.UndefinedError);

        var executor = new PackageExecutor(context, eim, package);
        var result = context.Engine.Transaction(() => executor.Run(operations, isPsmo));
        context.NotifyProfileSwitch(executor.Switched);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteEncodedValue(result);
        return writer.Encode();
    }

    private static byte[] UnsignedError(Es10Request request, IsdRContext context, PackageHeader package, EimRecord? eim)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(2, constructed: true)))
        {
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, package.EimId, Tags.Ctx(0));
            // v1.0 EuiccPackageErrorUnsigned has no transactionId (SGP.32 v1.0 §2.11.2.1; v1.2 added eimTransactionId).
            if (package.TransactionId is { } txId && !context.Options.IsV10) writer.WriteOctetString(txId, Tags.Ctx(2));
            if (eim?.AssociationToken is { } token) writer.WriteInteger(token, Tags.Ctx(4));
        }
        return writer.Encode();
    }

    // SGP.32 §2.11.2.1 EuiccPackageErrorSigned
    private static byte[] SignedError(
        Es10Request request, IsdRContext context, EimRecord eim, PackageHeader package, EuiccPackageErrorCode code)
    {
        var data = new AsnWriter(AsnEncodingRules.DER);
        using (data.PushSequence())
        {
            data.WriteCharacterString(UniversalTagNumber.UTF8String, package.EimId, Tags.Ctx(0));
            data.WriteInteger(package.Counter, Tags.Ctx(1));
            if (package.TransactionId is { } txId) data.WriteOctetString(txId, Tags.Ctx(2));
            data.WriteInteger((int)code);
        }
        var signedData = data.Encode();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(1, constructed: true)))
        {
            writer.WriteEncodedValue(signedData);
            writer.WriteOctetString(EuiccPackageSigner.SignResult(context, eim, package, signedData), Tags.App(55));
        }
        return writer.Encode();
    }
}
