using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.4 AddInitialEim: BF57 { A0 { 30 EimConfigurationData... } }
// -> BF57 { A0 { 84 associationToken | 05 addOk ... } | 81 addInitialEimError }
internal sealed class AddInitialEimHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.AddInitialEim;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var list = contents.ReadSequence(Tags.Ctx(0, constructed: true));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var configs = new List<EimConfiguration>();
        while (list.HasData) configs.Add(EimConfiguration.Read(list.ReadSequence()));
        // v1.0 addInitialEimError has no commandError (SGP.32 v1.0 §5.9.4): undefinedError there.
        if (configs.Count == 0)
        {
            return Es10Codec.ChoiceError(request.Tag,
                (int)(context.Options.IsV10 ? AddEimResultCode.UndefinedError : AddEimResultCode.CommandError));
        }

        var settings = context.Engine.Settings;
        // Only the first association is local; later eIMs come through a signed addEim eCO.
        if (settings.Eims.Count > 0) return Es10Codec.ChoiceError(request.Tag, (int)AddEimResultCode.AssociatedEimAlreadyExists);
        var added = new List<EimRecord>();
        foreach (var config in configs)
        {
            var (record, code, _) = EimAdmission.Admit(config, context, settings, added);
            // v1.0 addInitialEimError has no commandError (SGP.32 v1.0 §5.9.4): undefinedError there.
            if (record is null)
            {
                return Es10Codec.ChoiceError(request.Tag,
                    (int)(context.Options.IsV10 && code == AddEimResultCode.CommandError ? AddEimResultCode.UndefinedError : code));
            }
            added.Add(record);
        }
        var lastToken = added.Max(e => e.AssociationToken) ?? settings.LastAssociationToken;
        context.Engine.UpdateSettings(s => s with { Eims = added, LastAssociationToken = Math.Max(lastToken, s.LastAssociationToken) });

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            foreach (var eim in added)
            {
                if (eim.AssociationToken is { } token) writer.WriteInteger(token, Tags.Ctx(4));
                else writer.WriteNull();
            }
        }
        return writer.Encode();
    }
}
