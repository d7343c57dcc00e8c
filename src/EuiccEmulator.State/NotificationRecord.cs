using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>A pending notification: its metadata and the signed object RetrieveNotificationsList returns.</summary>
// SGP.22 §5.7.9-5.7.10: BF37 ProfileInstallationResult or 30 OtherSignedNotification.
public sealed record NotificationRecord(
    long SeqNumber,
    NotificationEvents Event,
    string Address,
    Iccid? Iccid,
    byte[] SignedObject)
{
    /// <summary>An SGP.32 eUICC Package Result rather than a profile notification; same numbering.</summary>
    public bool IsPackageResult { get; init; }
}
