using EuiccEmulator.Rsp.Codes;
namespace EuiccEmulator.State;

/// <summary>One associated eIM as the card stores it (EimConfigurationData plus its counter).</summary>
// SGP.32 §2.11.1.1.1 EimConfigurationData.
public sealed record EimRecord
{
    /// <summary>The eIM identifier.</summary>
    public required string EimId { get; init; }

    /// <summary>The eIM address, if provisioned.</summary>
    public string? Fqdn { get; init; }

    /// <summary>eimIdType as provisioned; null when the configuration data left it out.</summary>
    public EimIdType? IdType { get; init; }

    /// <summary>The last counter value accepted (or the initial one); a package needs a greater one.</summary>
    public long Counter { get; init; }

    /// <summary>The association token the card assigned, if any.</summary>
    public long? AssociationToken { get; init; }

    /// <summary>eimPublicKeyData alternative as received: A0 {SPKI body} or A1 {Certificate body}.</summary>
    public byte[]? PublicKeyData { get; init; }

    /// <summary>trustedPublicKeyDataTls alternative as received (the card only stores and returns it).</summary>
    public byte[]? TlsKeyData { get; init; }

    /// <summary>eimSupportedProtocol as provisioned; null when the configuration data left it out.</summary>
    public EimSupportedProtocols? Protocols { get; init; }

    /// <summary>euiccCiPKId: which eUICC certificate chain signs results for this eIM (the card's first one if not provisioned).</summary>
    public required byte[] CiSki { get; init; }

    /// <summary>Whether euiccCiPKId came in the configuration data (GetEimConfigurationData returns only what was provisioned).</summary>
    public bool CiSkiProvisioned { get; init; } = true;

    /// <summary>Whether the eIM may trigger profile downloads through the IPA.</summary>
    public bool IndirectProfileDownload { get; init; }
}

/// <summary>ConfigureImmediateProfileEnabling settings.</summary>
// SGP.32 §5.9.17
public sealed record ImmediateEnableConfig(bool Enabled, string? DefaultSmdpOid, string? DefaultSmdpAddress);
