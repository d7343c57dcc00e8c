using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>Inputs for a classic USIM profile package.</summary>
public sealed record UsimProfileParameters
{
    /// <summary>The profile's ICCID.</summary>
    public required Iccid Iccid { get; init; }

    /// <summary>IMSI digits (6..15), e.g. "001010000000001" for the test network 001 01.</summary>
    public required string Imsi { get; init; }

    /// <summary>Milenage K (16 bytes).</summary>
    public required byte[] K { get; init; }

    /// <summary>Milenage OPc (16 bytes).</summary>
    public required byte[] Opc { get; init; }

    /// <summary>ProfileHeader.profileType (1..100 characters).</summary>
    public string ProfileType { get; init; } = "EuiccEmulator USIM test profile";

    /// <summary>EF.SPN name (up to 16 ASCII characters).</summary>
    public string ServiceProviderName { get; init; } = "EuiccEmulator";

    /// <summary>PIN1 digits.</summary>
    public string Pin1 { get; init; } = "0000";

    /// <summary>PUK1 digits.</summary>
    public string Puk1 { get; init; } = "12345678";

    /// <summary>PIN2 digits.</summary>
    public string Pin2 { get; init; } = "0000";

    /// <summary>PUK2 digits.</summary>
    public string Puk2 { get; init; } = "12345678";

    /// <summary>ADM1 digits.</summary>
    public string Adm1 { get; init; } = "88888888";

    /// <summary>Add a PE-SecurityDomain (MNO-SD) with AES test keys.</summary>
    public bool IncludeSecurityDomain { get; init; }

    /// <summary>Key value for the security domain keys (16 bytes); null gives 00..0F.</summary>
    public byte[]? SecurityDomainKey { get; init; }

    /// <summary>Exact package size wanted; a genericFileManagement PE with a filler EF makes up the difference.</summary>
    public int? TargetSize { get; init; }
}

/// <summary>Inputs for an IoT Minimal Profile package.</summary>
public sealed record IotProfileParameters
{
    /// <summary>The profile's ICCID.</summary>
    public required Iccid Iccid { get; init; }

    /// <summary>IMSI digits (6..15).</summary>
    public required string Imsi { get; init; }

    /// <summary>Milenage K (16 bytes).</summary>
    public required byte[] K { get; init; }

    /// <summary>Milenage OPc (16 bytes).</summary>
    public required byte[] Opc { get; init; }

    /// <summary>ProfileHeader.profileType.</summary>
    public string ProfileType { get; init; } = "EuiccEmulator IoT minimal test profile";

    /// <summary>iotOptions.pix (7..11 bytes); default is the USIM PIX 1002FF49FF0589.</summary>
    public byte[] Pix { get; init; } = [0x10, 0x02, 0xFF, 0x49, 0xFF, 0x05, 0x89];

    /// <summary>PIN1; null for no PIN (typical for IoT devices).</summary>
    public string? Pin1 { get; init; }

    /// <summary>PUK1 for PIN1; requires <see cref="Pin1"/>.</summary>
    public string? Puk1 { get; init; }

    /// <summary>ADM1 digits; null for none.</summary>
    public string? Adm1 { get; init; }

    /// <summary>Exact package size wanted, as for the USIM profile.</summary>
    public int? TargetSize { get; init; }
}
