using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Download;

/// <summary>Reads StoreMetadataRequest (BF25) into a profile template.</summary>
// SGP.22 §5.5.3 / RSPDefinitions StoreMetadataRequest; SGP.32 adds the IoT fields (docs/metadata.md#storemetadata-fields).
internal static class StoreMetadataParser
{
    private static readonly Asn1Tag StoreMetadataTag = Tags.Ctx(37, constructed: true);

    /// <summary>Parses the request; malformed content raises AsnContentException.</summary>
    public static ProfileRecord Parse(ReadOnlySpan<byte> bf25)
    {
        var reader = new AsnReader(bf25.ToArray(), AsnEncodingRules.BER);
        var fields = reader.ReadSequence(StoreMetadataTag);
        reader.ThrowIfNotEmpty();

        var iccidBytes = fields.ReadOctetString(Tags.App(26));
        if (!Iccid.TryFromSwappedBcd(iccidBytes, out var iccid)) throw new AsnContentException("iccid coding");
        var profile = new ProfileRecord
        {
            Iccid = iccid,
            IsdpAid = [],
            ServiceProviderName = Limit(fields.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(17)), 32),
            ProfileName = Limit(fields.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(18)), 64),
        };
        while (fields.HasData)
        {
            var tag = fields.PeekTag();
            var wire = Tags.WireTag(tag);
            profile = wire switch
            {
                0x93 => profile with { IconType = (IconType)(int)Range(fields.ReadInteger(Tags.Ctx(19)), 0, 1) },
                0x94 => profile with { Icon = Limit(fields.ReadOctetString(Tags.Ctx(20)), 1024) },
                0x95 => profile with { ProfileClass = (ProfileClass)(int)Range(fields.ReadInteger(Tags.Ctx(21)), 0, 2) },
                0xB6 => profile with { NotificationConfigs = ReadNotificationConfigs(fields.ReadSequence(Tags.Ctx(22, true))) },
                0xB7 => profile with { ProfileOwner = ReadOperatorId(fields.ReadSequence(Tags.Ctx(23, true))) },
                0x99 => profile with { Pprs = fields.ReadNamedBitListValue<PprIds>(Tags.Ctx(25)) },
                0xBF22 => profile with { ServiceSpecificData = fields.ReadEncodedValue().ToArray() },
                0x9F7B => profile with { EcallIndication = fields.ReadBoolean(Tags.Ctx(123)) },
                0x9F67 => profile with { FallbackAllowed = fields.ReadBoolean(Tags.Ctx(103)) },
                _ => Skip(fields, profile), // serviceSpecificDataNotStoredInEuicc, iotSpecificMetadata, later additions
            };
        }
        if (profile.IconType is null != profile.Icon is null) throw new AsnContentException("icon and iconType go together");
        return profile;
    }

    private static ProfileRecord Skip(AsnReader fields, ProfileRecord profile)
    {
        fields.ReadEncodedValue();
        return profile;
    }

    private static List<NotificationConfig> ReadNotificationConfigs(AsnReader list)
    {
        var configs = new List<NotificationConfig>();
        while (list.HasData)
        {
            var entry = list.ReadSequence();
            var events = entry.ReadNamedBitListValue<NotificationEvents>(Tags.Ctx(0));
            var address = entry.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(1));
            entry.ThrowIfNotEmpty();
            configs.Add(new NotificationConfig(events, address));
        }
        return configs;
    }

    private static OperatorId ReadOperatorId(AsnReader owner)
    {
        var mccMnc = owner.ReadOctetString(Tags.Ctx(0));
        if (mccMnc.Length != 3) throw new AsnContentException("mccMnc is 3 bytes");
        byte[]? gid1 = null, gid2 = null;
        if (owner.HasData && owner.PeekTag().HasSameClassAndValue(Tags.Ctx(1))) gid1 = owner.ReadOctetString(Tags.Ctx(1));
        if (owner.HasData && owner.PeekTag().HasSameClassAndValue(Tags.Ctx(2))) gid2 = owner.ReadOctetString(Tags.Ctx(2));
        owner.ThrowIfNotEmpty();
        return new OperatorId(mccMnc, gid1, gid2);
    }

    private static System.Numerics.BigInteger Range(System.Numerics.BigInteger value, int min, int max) =>
        value < min || value > max ? throw new AsnContentException($"value {value} outside {min}..{max}") : value;

    private static string Limit(string value, int max) =>
        value.Length > max ? throw new AsnContentException($"string longer than {max}") : value;

    private static byte[] Limit(byte[] value, int max) =>
        value.Length > max ? throw new AsnContentException($"value longer than {max} bytes") : value;
}
