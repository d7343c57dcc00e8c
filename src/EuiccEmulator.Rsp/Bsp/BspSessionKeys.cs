namespace EuiccEmulator.Rsp.Bsp;

/// <summary>
/// The three 16-byte values of one BSP key set: session keys from the KDF or the PPKs of ReplaceSessionKeys.
/// </summary>
// SGP.22 §2.6.4.2 / §2.5.3: initial MCV, S-ENC (or PPK-ENC), S-MAC (or PPK-CMAC).
public sealed record BspSessionKeys(byte[] InitialMacChainingValue, byte[] EncryptionKey, byte[] MacKey)
{
    /// <summary>Length of each key.</summary>
    public const int Length = 16;

    /// <summary>The initial MAC chaining value.</summary>
    public byte[] InitialMacChainingValue { get; } = Checked(InitialMacChainingValue, nameof(InitialMacChainingValue));

    /// <summary>S-ENC or PPK-ENC.</summary>
    public byte[] EncryptionKey { get; } = Checked(EncryptionKey, nameof(EncryptionKey));

    /// <summary>S-MAC or PPK-CMAC.</summary>
    public byte[] MacKey { get; } = Checked(MacKey, nameof(MacKey));

    private static byte[] Checked(byte[] value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length != Length)
            throw new ArgumentException($"{name} must be {Length} bytes, got {value.Length}.", name);
        return value;
    }
}
