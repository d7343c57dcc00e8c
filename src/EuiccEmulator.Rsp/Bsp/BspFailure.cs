namespace EuiccEmulator.Rsp.Bsp;

/// <summary>Why a protected TLV was refused; the values are the ErrorReason codes of ProfileInstallationResult.</summary>
// SGP.22 §5.7.6 ErrorReason.
internal enum BspFailure : byte
{
    /// <summary>scp03tStructureError: framing (tag, length, size) is wrong.</summary>
    StructureError = 7,

    /// <summary>scp03tSecurityError: C-MAC mismatch or the decrypted data is not correctly padded.</summary>
    SecurityError = 8,
}
