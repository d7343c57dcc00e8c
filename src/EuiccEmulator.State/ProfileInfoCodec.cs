using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.State;

/// <summary>ProfileInfo (E3) encoding, optionally limited to a tag list.</summary>
// SGP.22 §5.7.15 / RSPDefinitions ProfileInfo: components in declaration order.
internal static class ProfileInfoCodec
{
    public static readonly Asn1Tag Tag = Tags.Priv(3, constructed: true);

    /// <summary>Wire tags of ProfileInfo components, in declaration order.</summary>
    public static readonly int[] ComponentTags =
        [0x5A, 0x4F, 0x9F70, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0xB6, 0xB7, 0xB8, 0x99, 0xBF22];

    public static void Write(AsnWriter writer, ProfileRecord profile, IReadOnlySet<int>? tagList)
    {
        bool Wanted(int tag) => tagList is null || tagList.Contains(tag);

        using (writer.PushSequence(Tag))
        {
            if (Wanted(0x5A)) writer.WriteOctetString(profile.Iccid.ToSwappedBcd(), Tags.App(26));
            if (Wanted(0x4F)) writer.WriteOctetString(profile.IsdpAid, Tags.App(15));
            if (Wanted(0x9F70)) writer.WriteInteger((int)profile.State, Tags.Ctx(112));
            if (Wanted(0x90) && profile.Nickname is { } nickname)
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, nickname, Tags.Ctx(16));
            if (Wanted(0x91)) writer.WriteCharacterString(UniversalTagNumber.UTF8String, profile.ServiceProviderName, Tags.Ctx(17));
            if (Wanted(0x92)) writer.WriteCharacterString(UniversalTagNumber.UTF8String, profile.ProfileName, Tags.Ctx(18));
            if (Wanted(0x93) && profile.IconType is { } iconType) writer.WriteInteger((int)iconType, Tags.Ctx(19));
            if (Wanted(0x94) && profile.Icon is { } icon) writer.WriteOctetString(icon, Tags.Ctx(20));
            if (Wanted(0x95)) writer.WriteInteger((int)profile.ProfileClass, Tags.Ctx(21));
            if (Wanted(0xB6) && profile.NotificationConfigs.Count > 0)
            {
                using (writer.PushSequence(Tags.Ctx(22, constructed: true)))
                {
                    foreach (var config in profile.NotificationConfigs)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteNamedBitList(config.Events, Tags.Ctx(0));
                            writer.WriteCharacterString(UniversalTagNumber.UTF8String, config.Address, Tags.Ctx(1));
                        }
                    }
                }
            }
            if (Wanted(0xB7) && profile.ProfileOwner is { } owner) WriteOperatorId(writer, owner, Tags.Ctx(23, constructed: true));
            if (Wanted(0xB8) && profile.DpProprietaryData is { } dpData) WriteRetagged(writer, Tags.Ctx(24, constructed: true), dpData);
            if (Wanted(0x99) && profile.Pprs != PprIds.None) writer.WriteNamedBitList(profile.Pprs, Tags.Ctx(25));
            if (Wanted(0xBF22) && profile.ServiceSpecificData is { } ssd) WriteRetagged(writer, Tags.Ctx(34, constructed: true), ssd);
        }
    }

    /// <summary>Writes a constructed TLV received under another tag with this tag, its contents unchanged.</summary>
    public static void WriteRetagged(AsnWriter writer, Asn1Tag tag, byte[] tlv)
    {
        var reader = new AsnReader(tlv, AsnEncodingRules.BER);
        var contents = reader.ReadSequence(reader.PeekTag());
        using (writer.PushSequence(tag))
        {
            while (contents.HasData) writer.WriteEncodedValue(contents.ReadEncodedValue().Span);
        }
    }

    public static void WriteOperatorId(AsnWriter writer, OperatorId owner, Asn1Tag tag)
    {
        using (writer.PushSequence(tag))
        {
            writer.WriteOctetString(owner.MccMnc, Tags.Ctx(0));
            if (owner.Gid1 is { } gid1) writer.WriteOctetString(gid1, Tags.Ctx(1));
            if (owner.Gid2 is { } gid2) writer.WriteOctetString(gid2, Tags.Ctx(2));
        }
    }
}
