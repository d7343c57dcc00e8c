using System.Formats.Asn1;
using EuiccEmulator.Core.Ber;
using EuiccEmulator.Core.Messages;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.5 GetRAT: BF43 {} -> BF43 { A0 { 30 { 80 pprIds, A1 { OperatorId... }, 82 pprFlags }... } }
public sealed class GetRatHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetRat;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag)) WriteRat(writer, Tags.Ctx(0, constructed: true), context.Options.Rat);
        return writer.Encode();
    }

    /// <summary>RulesAuthorisationTable under the given tag (GetRAT and the SGP.32 getRAT PSMO share it).</summary>
    public static void WriteRat(AsnWriter writer, Asn1Tag tag, IReadOnlyList<Download.RatRule> rat)
    {
        using (writer.PushSequence(tag))
        {
            foreach (var rule in rat)
            {
                using (writer.PushSequence())
                {
                    writer.WriteNamedBitList(rule.Pprs, Tags.Ctx(0));
                    using (writer.PushSequence(Tags.Ctx(1, constructed: true)))
                    {
                        foreach (var op in rule.AllowedOperators) ProfileInfoCodec.WriteOperatorId(writer, op, Asn1Tag.Sequence);
                    }
                    writer.WriteNamedBitList(rule.ConsentRequired ? PprFlags.ConsentRequired : PprFlags.None, Tags.Ctx(2));
                }
            }
        }
    }

    [Flags]
    private enum PprFlags
    {
        None = 0,
        ConsentRequired = 1 << 0,
    }
}
