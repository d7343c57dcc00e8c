using System.Formats.Asn1;
using System.Security.Cryptography;
using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Peers;

public sealed partial class TestSmdp
{
    private const byte KeyTypeAes = 0x88;
    private const byte KeyLength16 = 0x10;

    /// <summary>Largest 86/87/88 TLV, tag to MAC included.</summary>
    // SGP.22 §2.5.3
    public const int MaxProtectedTlvSize = 1020;

    /// <summary>
    /// Binds <paramref name="upp"/> to the card: ECKA with a fresh otSK.DP.ECKA, KDF, then BF36 with BF23, 87 ConfigureISDP,
    /// 88 StoreMetadata, optional 87 ReplaceSessionKeys (PPKs) and the 86 profile data.
    /// </summary>
    // SGP.22 §2.5.3-2.5.5 (BPP structure and segments), §2.6.4 (key derivation), §5.5 ES8+ functions.
    public BoundProfilePackage BuildBoundProfilePackage(ReadOnlySpan<byte> upp, ProfileMetadata metadata, bool withPpk = false,
        SmdpFaults? faults = null, string? dpOid = null, int maxTlvSize = MaxProtectedTlvSize)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (_transactionId is null || _euiccOtpk is null || Eid is not { } eid)
            throw new InvalidOperationException("the BPP needs a verified PrepareDownloadResponse");
        faults ??= _options.Faults;

        using var otsk = EcdhKeyPair.Generate(_dpPb.Curve);
        var smdpOtpk = otsk.PublicPoint.ToArray();
        var hostId = _options.HostId ?? _options.RandomBytes(16);
        var sessionKeys = BspKeyDerivation.Derive(otsk.DeriveSharedSecret(_euiccOtpk), KeyTypeAes, KeyLength16, hostId, eid.ToBytes());

        // SGP.22 §5.5.1 InitialiseSecureChannel: remoteOpId [2] 82, transactionId 80, CRT A6 {80 88, 81 10, 84 hostId}, 5F49, 5F37.
        var transactionId = faults.WrongTransactionIdInInitialiseSecureChannel ? Different(_transactionId) : _transactionId;
        var signedPart = Concat(
            TlvCodec.Encode(0x82, Integer(faults.RemoteOpId ?? 1)),
            TlvCodec.Encode(0x80, transactionId),
            TlvCodec.Constructed(0xA6,
                TlvCodec.Encode(0x80, [faults.CrtKeyType ?? KeyTypeAes]),
                TlvCodec.Encode(0x81, [faults.CrtKeyLength ?? KeyLength16]),
                TlvCodec.Encode(0x84, hostId)),
            TlvCodec.Encode(0x5F49, smdpOtpk));
        // smdpSign covers the BF23 content before 5F37 followed by the euiccOtpk DO (5F49).
        var smdpSign = Sign(_dpPb, Concat(signedPart, TlvCodec.Encode(0x5F49, _euiccOtpk)), faults.BadSmdpSign);
        var bf23 = TlvCodec.Constructed(0xBF23, signedPart, TlvCodec.Encode(0x5F37, smdpSign));

        var configureIsdp = BuildConfigureIsdp(dpOid);
        var storeMetadata = metadata.Encode(faults.MetadataIccid, faults.RawProfileClass);

        using var wrapper = new BspWrapper(sessionKeys);
        var protectedTlvs = new List<byte[]>();
        var first87 = wrapper.Wrap(0x87, configureIsdp);
        protectedTlvs.Add(first87);
        var all88 = wrapper.WrapSegments(0x88, storeMetadata, maxTlvSize).ToList();
        protectedTlvs.AddRange(all88);

        byte[]? replaceSessionKeys = null;
        BspSessionKeys? ppk = null;
        byte[]? second87 = null;
        if (withPpk)
        {
            ppk = new BspSessionKeys(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16),
                RandomNumberGenerator.GetBytes(16));
            // SGP.22 §5.5.4 ReplaceSessionKeys: BF26 {80 initialMacChainingValue, 81 ppkEnc, 82 ppkCmac}.
            replaceSessionKeys = TlvCodec.Constructed(0xBF26,
                TlvCodec.Encode(0x80, ppk.InitialMacChainingValue),
                TlvCodec.Encode(0x81, ppk.EncryptionKey),
                TlvCodec.Encode(0x82, ppk.MacKey));
            second87 = wrapper.Wrap(0x87, replaceSessionKeys);
            protectedTlvs.Add(second87);
            wrapper.ReplaceSessionKeys(ppk);
        }
        var all86 = wrapper.WrapSegments(0x86, upp, maxTlvSize).ToList();
        protectedTlvs.AddRange(all86);

        if (faults.BadMacInProtectedTlv is { } badIndex)
        {
            if (badIndex < 0 || badIndex >= protectedTlvs.Count)
                throw new ArgumentOutOfRangeException(nameof(faults), badIndex, $"the BPP has {protectedTlvs.Count} protected TLVs");
            protectedTlvs[badIndex][^1] ^= 0x01;   // last byte of the C-MAC; the list shares the arrays
        }

        var a0 = TlvCodec.Constructed(0xA0, first87);
        var a1Header = TlvCodec.Header(0xA1, all88.Sum(t => t.Length));
        var a2 = second87 is null ? null : TlvCodec.Constructed(0xA2, second87);
        var a3Header = TlvCodec.Header(0xA3, all86.Sum(t => t.Length));
        var contentLength = bf23.Length + a0.Length + a1Header.Length + all88.Sum(t => t.Length)
            + (a2?.Length ?? 0) + a3Header.Length + all86.Sum(t => t.Length);
        var bf36Header = TlvCodec.Header(0xBF36, contentLength);

        var segments = new List<byte[]> { Concat(bf36Header, bf23), a0, a1Header };
        var kinds = new List<BppSegmentKind> { BppSegmentKind.InitialiseSecureChannel, BppSegmentKind.ConfigureIsdp,
            BppSegmentKind.StoreMetadataHeader };
        foreach (var tlv in all88)
        {
            segments.Add(tlv);
            kinds.Add(BppSegmentKind.StoreMetadata);
        }
        if (a2 is not null)
        {
            segments.Add(a2);
            kinds.Add(BppSegmentKind.ReplaceSessionKeys);
        }
        segments.Add(a3Header);
        kinds.Add(BppSegmentKind.ProfileDataHeader);
        foreach (var tlv in all86)
        {
            segments.Add(tlv);
            kinds.Add(BppSegmentKind.ProfileData);
        }
        var bytes = segments.SelectMany(s => s).ToArray();

        if (faults.TruncateSegment is { } cut)
        {
            if (cut < 0 || cut >= segments.Count)
                throw new ArgumentOutOfRangeException(nameof(faults), cut, $"the BPP has {segments.Count} segments");
            segments[cut] = segments[cut][..^1];
        }

        return new BoundProfilePackage
        {
            Bytes = bytes,
            Segments = segments,
            SegmentKinds = kinds,
            InitialiseSecureChannel = bf23,
            ConfigureIsdp = configureIsdp,
            StoreMetadata = storeMetadata,
            ReplaceSessionKeys = replaceSessionKeys,
            SessionKeys = sessionKeys,
            ProfileProtectionKeys = ppk,
            HostId = hostId,
            SmdpOtpk = smdpOtpk,
        };
    }

    /// <summary>ConfigureISDPRequest: BF24, with dpProprietaryData B8 {06 dpOid} when an OID is given.</summary>
    // SGP.22 §5.5.2 ConfigureISDP; RSPDefinitions dpProprietaryData [24] -> B8.
    private static byte[] BuildConfigureIsdp(string? dpOid)
    {
        if (dpOid is null) return TlvCodec.Encode(0xBF24, []);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(dpOid);
        return TlvCodec.Constructed(0xBF24, TlvCodec.Constructed(0xB8, writer.Encode()));
    }

    private static byte[] Concat(params IEnumerable<byte[]> parts) => [.. parts.SelectMany(p => p)];
}
