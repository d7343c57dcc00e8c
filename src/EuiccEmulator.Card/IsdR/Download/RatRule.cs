using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Download;

/// <summary>One ProfilePolicyAuthorisationRule of the RAT.</summary>
// SGP.22 §2.9.2.2: PPRs a rule allows, for the operators it names ('E' nibbles are wildcards).
public sealed record RatRule(PprIds Pprs, IReadOnlyList<OperatorId> AllowedOperators, bool ConsentRequired)
{
    /// <summary>mccMnc EEEEEE: any operator.</summary>
    public static readonly OperatorId AnyOperator = new([0xEE, 0xEE, 0xEE], null, null);

    /// <summary>Whether this rule allows every PPR in <paramref name="pprs"/> for the profile owner.</summary>
    public bool Allows(PprIds pprs, OperatorId? owner)
    {
        if ((pprs & ~Pprs & ~PprIds.UpdateControl) != 0) return false;
        return AllowedOperators.Any(op => Matches(op, owner));
    }

    private static bool Matches(OperatorId rule, OperatorId? owner)
    {
        if (owner is null) return IsWildcard(rule.MccMnc) && rule.Gid1 is null && rule.Gid2 is null;
        if (!NibblesMatch(rule.MccMnc, owner.MccMnc)) return false;
        return (rule.Gid1 is null || owner.Gid1 is not null && NibblesMatch(rule.Gid1, owner.Gid1))
            && (rule.Gid2 is null || owner.Gid2 is not null && NibblesMatch(rule.Gid2, owner.Gid2));
    }

    private static bool IsWildcard(byte[] value) => value.All(b => b == 0xEE);

    private static bool NibblesMatch(byte[] rule, byte[] value)
    {
        if (rule.Length != value.Length) return false;
        for (var i = 0; i < rule.Length; i++)
        {
            if ((rule[i] & 0xF0) != 0xE0 && (rule[i] & 0xF0) != (value[i] & 0xF0)) return false;
            if ((rule[i] & 0x0F) != 0x0E && (rule[i] & 0x0F) != (value[i] & 0x0F)) return false;
        }
        return true;
    }
}
