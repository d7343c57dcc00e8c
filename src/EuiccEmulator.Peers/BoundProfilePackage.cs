using EuiccEmulator.Rsp.Bsp;

namespace EuiccEmulator.Peers;

/// <summary>A bound profile package as built by <see cref="TestSmdp"/>, with the keys needed to check it.</summary>
public sealed record BoundProfilePackage
{
    /// <summary>The complete BF36 DER.</summary>
    public required byte[] Bytes { get; init; }

    /// <summary>The pieces the LPA sends, each as its own STORE DATA sequence (docs/transport.md#bpp-segmentation).</summary>
    public required IReadOnlyList<byte[]> Segments { get; init; }

    /// <summary>Which part of the BPP each segment is, parallel to <see cref="Segments"/>.</summary>
    public required IReadOnlyList<BppSegmentKind> SegmentKinds { get; init; }

    /// <summary>The InitialiseSecureChannelRequest TLV (BF23).</summary>
    public required byte[] InitialiseSecureChannel { get; init; }

    /// <summary>ConfigureISDPRequest plaintext (BF24).</summary>
    public required byte[] ConfigureIsdp { get; init; }

    /// <summary>StoreMetadataRequest plaintext (BF25).</summary>
    public required byte[] StoreMetadata { get; init; }

    /// <summary>ReplaceSessionKeysRequest plaintext (BF26), when PPKs are used.</summary>
    public byte[]? ReplaceSessionKeys { get; init; }

    public required BspSessionKeys SessionKeys { get; init; }

    public BspSessionKeys? ProfileProtectionKeys { get; init; }

    public required byte[] HostId { get; init; }

    /// <summary>otPK.DP.ECKA (04||X||Y).</summary>
    public required byte[] SmdpOtpk { get; init; }

    /// <summary>Number of 86 TLVs (profile data).</summary>
    public int ProfileDataTlvCount => SegmentKinds.Count(k => k == BppSegmentKind.ProfileData);
}

/// <summary>The parts of a BPP segment list, in sending order.</summary>
// SGP.22 §2.5.5 (docs/transport.md#bpp-segmentation).
public enum BppSegmentKind
{
    /// <summary>BF36 tag and length plus the whole BF23.</summary>
    InitialiseSecureChannel = 1,

    /// <summary>A0 with its 87 (ConfigureISDP).</summary>
    ConfigureIsdp = 2,

    /// <summary>A1 tag and length.</summary>
    StoreMetadataHeader = 3,

    /// <summary>One 88 TLV.</summary>
    StoreMetadata = 4,

    /// <summary>A2 with its 87 (ReplaceSessionKeys).</summary>
    ReplaceSessionKeys = 5,

    /// <summary>A3 tag and length.</summary>
    ProfileDataHeader = 6,

    /// <summary>One 86 TLV.</summary>
    ProfileData = 7,
}
