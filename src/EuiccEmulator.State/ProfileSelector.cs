using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>The profileIdentifier CHOICE: an ISD-P AID (tag 4F) or an ICCID (tag 5A).</summary>
internal sealed record ProfileSelector
{
    private ProfileSelector(byte[]? aid, Iccid? iccid)
    {
        Aid = aid;
        Iccid = iccid;
    }

    public byte[]? Aid { get; }

    public Iccid? Iccid { get; }

    public static ProfileSelector ByAid(byte[] aid) => new(aid, null);

    public static ProfileSelector ByIccid(Iccid iccid) => new(null, iccid);

    public bool Matches(ProfileRecord profile) =>
        Aid is { } aid ? profile.IsdpAid.AsSpan().SequenceEqual(aid) : profile.Iccid == Iccid;
}
