using EuiccEmulator.Peers;
using EuiccEmulator.State;

namespace EuiccEmulator.Servers.Smdp;

/// <summary>A card's profile record as the metadata an SM-DP+ serves with it: the peers know no card state.</summary>
public static class ProfileRecordMetadata
{
    /// <summary>Metadata as a card keeps it for a profile record.</summary>
    public static ProfileMetadata ToMetadata(this ProfileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ProfileMetadata
        {
            Iccid = record.Iccid,
            ServiceProviderName = record.ServiceProviderName,
            ProfileName = record.ProfileName,
            IconType = record.IconType,
            Icon = record.Icon,
            ProfileClass = record.ProfileClass,
            NotificationConfigs = record.NotificationConfigs,
            ProfileOwner = record.ProfileOwner,
            Pprs = record.Pprs,
            EcallIndication = record.EcallIndication,
            FallbackAllowed = record.FallbackAllowed,
        };
    }
}
