namespace EuiccEmulator.Rsp.Codes;

// SGP.32 §2.11.1.1.1 EimIdType.
public enum EimIdType
{
    Oid = 1,
    Fqdn = 2,
    Proprietary = 3,
}

// SGP.32 §2.11.1.1.1 EimSupportedProtocol bits.
[Flags]
public enum EimSupportedProtocols
{
    None = 0,
    RetrieveHttps = 1 << 0,
    RetrieveCoaps = 1 << 1,
    InjectHttps = 1 << 2,
    InjectCoaps = 1 << 3,
    Proprietary = 1 << 4,
}
