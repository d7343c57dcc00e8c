namespace EuiccEmulator.Rsp.Codes;

/// <summary>How an eimId is to be read (SGP.32 §2.11.1.1.1 EimIdType).</summary>
public enum EimIdType
{
    /// <summary>The eimId is an OID.</summary>
    Oid = 1,
    /// <summary>The eimId is a domain name.</summary>
    Fqdn = 2,
    /// <summary>Any other form.</summary>
    Proprietary = 3,
}

/// <summary>The protocols an eIM supports (SGP.32 §2.11.1.1.1 EimSupportedProtocol bits).</summary>
[Flags]
public enum EimSupportedProtocols
{
    /// <summary>No protocol named.</summary>
    None = 0,
    /// <summary>The IPA retrieves packages over HTTPS.</summary>
    RetrieveHttps = 1 << 0,
    /// <summary>The IPA retrieves packages over CoAPS.</summary>
    RetrieveCoaps = 1 << 1,
    /// <summary>The eIM injects packages over HTTPS.</summary>
    InjectHttps = 1 << 2,
    /// <summary>The eIM injects packages over CoAPS.</summary>
    InjectCoaps = 1 << 3,
    /// <summary>A proprietary protocol.</summary>
    Proprietary = 1 << 4,
}
