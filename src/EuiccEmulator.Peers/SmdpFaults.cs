namespace EuiccEmulator.Peers;

/// <summary>How the test SM-DP+ presents a certificate it should not.</summary>
public enum CertificateFault
{
    None = 0,

    /// <summary>Same role and SM-DP+ OID, issued under a private CI the card does not know.</summary>
    OtherCi = 1,

    /// <summary>The other SM-DP+ certificate (DPpb for DPauth and back), signing with its key: only the role is wrong.</summary>
    WrongRole = 2,
}

/// <summary>Deliberately wrong inputs for the card; each property names the check it should trip.</summary>
/// <remarks>Pass in <see cref="TestSmdpOptions.Faults"/> for the whole session or to a single Build call.</remarks>
public sealed record SmdpFaults
{
    public static SmdpFaults None { get; } = new();

    /// <summary>AuthenticateServer: serverSignature1 with one bit flipped (invalidSignature 2).</summary>
    public bool BadServerSignature1 { get; init; }

    /// <summary>AuthenticateServer: CERT.DPauth from another CI or of the wrong role (invalidCertificate 1).</summary>
    public CertificateFault AuthCertificate { get; init; }

    /// <summary>AuthenticateServer: euiccCiPKIdToBeUsed that no CI has (ciPKUnknown 7).</summary>
    public bool UnknownCiPkId { get; init; }

    /// <summary>AuthenticateServer: serverSigned1.euiccChallenge differs from the card's (euiccChallengeMismatch 6).</summary>
    public bool WrongEuiccChallenge { get; init; }

    /// <summary>PrepareDownload: smdpSignature2 with one bit flipped (invalidSignature 2).</summary>
    public bool BadSmdpSignature2 { get; init; }

    /// <summary>PrepareDownload: CERT.DPpb from another CI or of the wrong role (invalidCertificate 1).</summary>
    public CertificateFault PbCertificate { get; init; }

    /// <summary>PrepareDownload: smdpSigned2.transactionId differs from the session's (invalidTransactionId 5), correctly signed.</summary>
    public bool WrongTransactionIdInPrepareDownload { get; init; }

    /// <summary>BPP: smdpSign with one bit flipped (bppCommandId 0, invalidSignature 2).</summary>
    public bool BadSmdpSign { get; init; }

    /// <summary>BPP: BF23 transactionId differs from the session's, correctly signed (invalidTransactionId 3).</summary>
    public bool WrongTransactionIdInInitialiseSecureChannel { get; init; }

    /// <summary>BPP: this remoteOpId instead of 1 (unsupportedRemoteOperationType 5).</summary>
    public int? RemoteOpId { get; init; }

    /// <summary>BPP: this CRT keyType instead of 88 (unsupportedCrtValues 4).</summary>
    public byte? CrtKeyType { get; init; }

    /// <summary>BPP: this CRT keyLen instead of 10 (unsupportedCrtValues 4).</summary>
    public byte? CrtKeyLength { get; init; }

    /// <summary>
    /// BPP: flip a bit in the C-MAC of the n-th protected TLV, counted 0-based over 87, 88.., (87),
    /// 86.. (scp03tSecurityError 8).
    /// </summary>
    public int? BadMacInProtectedTlv { get; init; }

    /// <summary>BPP: drop the last byte of the n-th segment of the segment list (0-based).</summary>
    public int? TruncateSegment { get; init; }

    /// <summary>BPP: StoreMetadata carries this ICCID instead of the one in the UPP header (installFailedDueToDataMismatch 13).</summary>
    public string? MetadataIccid { get; init; }

    /// <summary>BPP: StoreMetadata carries this raw profileClass value (e.g. 7: unsupportedProfileClass 6).</summary>
    public int? RawProfileClass { get; init; }
}
