using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers;

/// <summary>What the SM-DP+ tells the card about a profile (StoreMetadataRequest).</summary>
public sealed record ProfileMetadata
{
    public required Iccid Iccid { get; init; }

    public string ServiceProviderName { get; init; } = "";

    public string ProfileName { get; init; } = "";

    public IconType? IconType { get; init; }

    public byte[]? Icon { get; init; }

    public ProfileClass ProfileClass { get; init; } = ProfileClass.Operational;

    public IReadOnlyList<NotificationConfig> NotificationConfigs { get; init; } = [];

    public OperatorId? ProfileOwner { get; init; }

    public PprIds Pprs { get; init; }

    /// <summary>SGP.32 ecallIndication (9F7B): this is the emergency profile.</summary>
    public bool EcallIndication { get; init; }

    /// <summary>SGP.32 fallbackAllowed (9F67): the owner allows the fallback attribute on it.</summary>
    public bool FallbackAllowed { get; init; }

    /// <summary>StoreMetadataRequest (BF25) in DER.</summary>
    // SGP.22 §5.5.3 / RSPDefinitions StoreMetadataRequest: components in declaration order; DEFAULT operational omitted (X.690 §11.5).
    public byte[] Encode(string? iccidOverride = null, int? rawProfileClass = null)
    {
        var iccid = iccidOverride is null ? Iccid : Iccid.Parse(iccidOverride);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Tags.Ctx(37, constructed: true)))
        {
            writer.WriteOctetString(iccid.ToSwappedBcd(), Tags.App(26));
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, ServiceProviderName, Tags.Ctx(17));
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, ProfileName, Tags.Ctx(18));
            if (IconType is { } iconType) writer.WriteInteger((int)iconType, Tags.Ctx(19));
            if (Icon is { } icon) writer.WriteOctetString(icon, Tags.Ctx(20));
            var profileClass = rawProfileClass ?? (int)ProfileClass;
            if (profileClass != (int)ProfileClass.Operational) writer.WriteInteger(profileClass, Tags.Ctx(21));
            if (NotificationConfigs.Count > 0)
            {
                using (writer.PushSequence(Tags.Ctx(22, constructed: true)))
                {
                    foreach (var config in NotificationConfigs)
                    {
                        // NotificationConfigurationInformation has no tagged component: automatic tags 80, 81.
                        using (writer.PushSequence())
                        {
                            writer.WriteNamedBitList(config.Events, Tags.Ctx(0));
                            writer.WriteCharacterString(UniversalTagNumber.UTF8String, config.Address, Tags.Ctx(1));
                        }
                    }
                }
            }
            if (ProfileOwner is { } owner)
            {
                using (writer.PushSequence(Tags.Ctx(23, constructed: true)))
                {
                    writer.WriteOctetString(owner.MccMnc, Tags.Ctx(0));
                    if (owner.Gid1 is { } gid1) writer.WriteOctetString(gid1, Tags.Ctx(1));
                    if (owner.Gid2 is { } gid2) writer.WriteOctetString(gid2, Tags.Ctx(2));
                }
            }
            if (Pprs != PprIds.None) writer.WriteNamedBitList(Pprs, Tags.Ctx(25));
            // SGP.32 IoT metadata (docs/metadata.md#storemetadata-fields), after the SGP.22 components.
            if (EcallIndication) writer.WriteBoolean(true, Tags.Ctx(123));
            if (FallbackAllowed) writer.WriteBoolean(true, Tags.Ctx(103));
        }
        return writer.Encode();
    }
}
