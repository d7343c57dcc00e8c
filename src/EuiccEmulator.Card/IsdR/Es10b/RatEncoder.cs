using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10b;

/// <summary>The RulesAuthorisationTable: GetRAT answers it, the SGP.32 getRAT PSMO returns it.</summary>
// SGP.22 §5.7.5; SGP.32 §2.11.1.1.3 getRAT
internal static class RatEncoder
{
    /// <summary>RulesAuthorisationTable under the given tag (GetRAT and the SGP.32 getRAT PSMO share it).</summary>
    public static void Write(AsnWriter writer, Asn1Tag tag, IReadOnlyList<Download.RatRule> rat)
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
