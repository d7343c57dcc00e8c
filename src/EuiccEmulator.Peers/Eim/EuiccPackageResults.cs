using EuiccEmulator.Rsp.Codes;
namespace EuiccEmulator.Peers.Eim;

/// <summary>A signed eUICC Package as sent to the card, with the pieces needed to check the answer.</summary>
public sealed record EuiccPackageRequest
{
    /// <summary>BF51 { 30 EuiccPackageSigned, 5F37 eimSignature }.</summary>
    public required byte[] Encoded { get; init; }

    public required string EimId { get; init; }

    public required byte[] EidValue { get; init; }

    public required long CounterValue { get; init; }

    public byte[]? TransactionId { get; init; }

    /// <summary>The EuiccPackageSigned TLV (30 ...).</summary>
    public required byte[] SignedData { get; init; }

    /// <summary>The bytes that were signed: SignedData ‖ associationToken DO (possibly altered by a fault).</summary>
    public required byte[] SignatureInput { get; init; }

    /// <summary>eimSignature r||s as sent (possibly corrupted by a fault).</summary>
    public required byte[] Signature { get; init; }

    /// <summary>The associationToken DO that belongs to this eIM (84 len value, 84 01 00 without token).</summary>
    public required byte[] AssociationTokenDo { get; init; }

    /// <summary>PSMO or eCO kinds in order (for matching the results); null entries are raw items.</summary>
    public required IReadOnlyList<EuiccResultKind?> ExpectedResults { get; init; }

    /// <summary>The eimSignature DO as sent: 5F37 40 r||s.</summary>
    public byte[] EimSignatureDo => TlvCodec.Encode(0x5F37, Signature);
}

/// <summary>EuiccResultData CHOICE alternatives.</summary>
// SGP.32 §2.11.2.1 EuiccResultData.
public enum EuiccResultKind
{
    Enable = 0x83,
    Disable = 0x84,
    Delete = 0x85,
    ListProfileInfo = 0xBF2D,
    GetRat = 0xA6,
    ConfigureImmediateEnable = 0x87,
    AddEim = 0xA8,
    DeleteEim = 0x89,
    UpdateEim = 0x8A,
    ListEim = 0xAB,
    Rollback = 0x8C,
    SetFallbackAttribute = 0x8D,
    UnsetFallbackAttribute = 0x8E,
    ProcessingTerminated = 0x02,
    SetDefaultDpAddress = 0xBF65,
    Unknown = -1,
}

/// <summary>One EimIdInfo of a listEimResult.</summary>
public sealed record EimIdInfo(string EimId, EimIdType? EimIdType);

/// <summary>One EuiccResultData; <see cref="Code"/> holds the INTEGER result where the alternative has one.</summary>
public sealed record EuiccResultData
{
    public required EuiccResultKind Kind { get; init; }

    /// <summary>The complete TLV as received.</summary>
    public required ReadOnlyMemory<byte> Raw { get; init; }

    /// <summary>Result code (0 = ok) of an INTEGER alternative, addEimResultCode, listEimError or the BF2D/BF65 error/result.</summary>
    public int? Code { get; init; }

    /// <summary>addEimResult associationToken (A8 { 84 ... }).</summary>
    public long? AssociationToken { get; init; }

    /// <summary>listEimResult eimIdList.</summary>
    public IReadOnlyList<EimIdInfo>? EimIds { get; init; }

    /// <summary>listProfileInfoResult profileInfoListOk: the E3 ProfileInfo TLVs.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? ProfileInfos { get; init; }

    /// <summary>getRATResult: the ProfilePolicyAuthorisationRule TLVs (30 ...).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Rules { get; init; }

    public bool IsOk => Code is null or 0;

    public override string ToString() => $"{Kind} {Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}".TrimEnd();
}

/// <summary>EuiccPackageResult alternatives.</summary>
public enum EuiccPackageResultKind
{
    /// <summary>A0 EuiccPackageResultSigned.</summary>
    Signed = 0,

    /// <summary>A1 EuiccPackageErrorSigned.</summary>
    SignedError = 1,

    /// <summary>A2 EuiccPackageErrorUnsigned.</summary>
    UnsignedError = 2,
}

/// <summary>A parsed and checked EuiccPackageResult.</summary>
public sealed record EuiccPackageResultInfo
{
    public required EuiccPackageResultKind Kind { get; init; }

    public required byte[] Raw { get; init; }

    public required string EimId { get; init; }

    /// <summary>Echoed counterValue (absent in the unsigned error).</summary>
    public long? CounterValue { get; init; }

    public byte[]? TransactionId { get; init; }

    /// <summary>seqNumber of a signed result.</summary>
    public long? SeqNumber { get; init; }

    public IReadOnlyList<EuiccResultData> Results { get; init; } = [];

    /// <summary>euiccPackageErrorCode of a signed error.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>associationToken of an unsigned error.</summary>
    public long? AssociationToken { get; init; }

    /// <summary>The signed data TLV (30 ...) of A0/A1.</summary>
    public ReadOnlyMemory<byte> SignedData { get; init; }

    /// <summary>euiccSignEPR/EPE r||s.</summary>
    public ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>True/false when a signature was checked; null for the unsigned error or without CERT.EUICC.</summary>
    public bool? SignatureValid { get; init; }

    /// <summary>Everything that does not match the request or the spec; empty when all is well.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool IsValid => Problems.Count == 0;

    /// <summary>Signed result, valid, and every operation ok.</summary>
    public bool AllOk =>
        Kind == EuiccPackageResultKind.Signed && IsValid && Results.All(r => r.IsOk && r.Kind != EuiccResultKind.ProcessingTerminated);
}
