namespace EuiccEmulator.State;

/// <summary>ECASD service that turns NotificationMetadata bytes into a signed OtherSignedNotification.</summary>
// SGP.22 §5.7.10: euiccNotificationSignature covers the NotificationMetadata TLV (BF2F ...).
internal interface INotificationSigner
{
    byte[] SignNotification(byte[] notificationMetadataTlv);
}
