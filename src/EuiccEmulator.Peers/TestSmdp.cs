using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers;

/// <summary>
/// A test SM-DP+ for one download session: builds the ES8+ objects the card receives (signed with the SGP.26
/// test keys or given ones) and verifies what the card signs, keeping the raw bytes each signature covers.
/// </summary>
// SGP.22 §3.1.3 (common mutual authentication), §3.1.3.2 (binding), §5.6 (ES9+ checks of the SM-DP+).
public sealed partial class TestSmdp
{
    private const int SignatureLength = EcPublicKey.SignatureLength;

    private readonly TestSmdpOptions _options;
    private readonly TestServerKey _dpAuth;
    private readonly TestServerKey _dpPb;
    private readonly byte[] _ci;
    private readonly byte[] _ciPkId;
    private CiBundle? _otherCi;

    private byte[]? _transactionId;
    private byte[]? _serverChallenge;
    private byte[]? _ctxParams1;
    private byte[]? _euiccSignature1;
    private byte[]? _smdpSignature2;
    private byte[]? _hashCc;
    private EcPublicKey? _euiccKey;
    private byte[]? _euiccOtpk;

    public TestSmdp(TestSmdpOptions? options = null)
    {
        _options = options ?? new TestSmdpOptions();
        _dpAuth = _options.DpAuth ?? TestPki.DpAuth(_options.Curve, _options.Server);
        _dpPb = _options.DpPb ?? TestPki.DpPb(_options.Curve, _options.Server);
        _ci = _options.CiCertificate ?? TestPki.CiCertificate(_options.Curve);
        _ciPkId = _options.EuiccCiPkIdToBeUsed ?? CertificateInfo.SubjectKeyId(_ci);
        SmdpOid = CertificateInfo.RegisteredId(_dpPb.Certificate)
            ?? throw new ArgumentException("CERT.DPpb has no SAN registeredID", nameof(options));
        AuthOid = CertificateInfo.RegisteredId(_dpAuth.Certificate) ?? SmdpOid;
    }

    public TestSmdpOptions Options => _options;

    /// <summary>SM-DP+ OID from CERT.DPpb (smdpOid in the ProfileInstallationResult).</summary>
    public string SmdpOid { get; }

    /// <summary>SM-DP+ OID from CERT.DPauth (smdpOid in EuiccCancelSessionSigned).</summary>
    public string AuthOid { get; }

    public ReadOnlyMemory<byte> CiPkIdToBeUsed => _ciPkId;

    /// <summary>The session's transactionId (null before AuthenticateServer is built).</summary>
    public byte[]? TransactionId => _transactionId;

    /// <summary>EID of the card, once its AuthenticateServerResponse verified.</summary>
    public Eid? Eid { get; private set; }

    /// <summary>The raw serverSigned1 TLV last sent.</summary>
    public byte[]? ServerSigned1 { get; private set; }

    /// <summary>The raw smdpSigned2 TLV last sent.</summary>
    public byte[]? SmdpSigned2 { get; private set; }

    /// <summary>otPK.EUICC.ECKA from the verified PrepareDownloadResponse.</summary>
    public byte[]? EuiccOtpk => _euiccOtpk;

    public ReadOnlyMemory<byte> DpAuthCertificate => _dpAuth.Certificate;

    public ReadOnlyMemory<byte> DpPbCertificate => _dpPb.Certificate;

    public ReadOnlyMemory<byte> CiCertificate => _ci;

    /// <summary>Builds AuthenticateServerRequest (BF38) and starts a new session with a fresh transactionId.</summary>
    // SGP.22 §5.6.1 InitiateAuthentication / §5.7.13 AuthenticateServer.
    public byte[] BuildAuthenticateServerRequest(
        ReadOnlySpan<byte> euiccChallenge, string? matchingId = null, DeviceInfo? deviceInfo = null, SmdpFaults? faults = null)
    {
        if (euiccChallenge.Length != 16) throw new ArgumentException("euiccChallenge is 16 bytes", nameof(euiccChallenge));
        faults ??= _options.Faults;
        ResetSession();
        _transactionId = _options.RandomBytes(16);
        _serverChallenge = _options.RandomBytes(16);

        var challenge = euiccChallenge.ToArray();
        if (faults.WrongEuiccChallenge) challenge[0] ^= 0xFF;
        var serverSigned1 = TlvCodec.Constructed(0x30,
            TlvCodec.Encode(0x80, _transactionId),
            TlvCodec.Encode(0x81, challenge),
            TlvCodec.Encode(0x83, Encoding.UTF8.GetBytes(_options.Address)),
            TlvCodec.Encode(0x84, _serverChallenge));
        ServerSigned1 = serverSigned1;

        var (certificate, key) = ServerCredential(RspRole.DpAuth, faults.AuthCertificate);
        var signature = Sign(key, serverSigned1, faults.BadServerSignature1);

        deviceInfo ??= DeviceInfo.Default;
        // CtxParams1 is a CHOICE: automatic tag [0] for ctxParamsForCommonAuthentication; its fields 80 / A1.
        var device = TlvCodec.Constructed(0xA1,
            TlvCodec.Encode(0x80, deviceInfo.Tac),
            TlvCodec.Encode(0xA1, deviceInfo.DeviceCapabilities),
            deviceInfo.Imei is { } imei ? TlvCodec.Encode(0x82, imei) : []);
        _ctxParams1 = TlvCodec.Constructed(0xA0,
            matchingId is null ? [] : TlvCodec.Encode(0x80, Encoding.UTF8.GetBytes(matchingId)),
            device);

        var ciPkId = faults.UnknownCiPkId ? SHA1.HashData(_ciPkId) : _ciPkId;
        return TlvCodec.Constructed(0xBF38,
            serverSigned1,
            TlvCodec.Encode(0x5F37, signature),
            TlvCodec.Encode(0x04, ciPkId),
            certificate,
            _ctxParams1);
    }

    /// <summary>Checks an AuthenticateServerResponse (BF38) as the SM-DP+ does in ES9+ AuthenticateClient.</summary>
    // SGP.22 §5.6.3 AuthenticateClient: echoes, euiccSignature1, CERT.EUICC -> CERT.EUM -> CI, EID in the EUM's range.
    public AuthenticateServerResult VerifyAuthenticateServerResponse(ReadOnlyMemory<byte> response)
    {
        if (_transactionId is null || ServerSigned1 is null) throw new InvalidOperationException("no AuthenticateServerRequest was built");
        static AuthenticateServerResult Reject(string why) => new() { Outcome = PeerOutcome.Rejected, Problem = why };
        try
        {
            var outer = TlvCodec.ReadSingle(response);
            if (outer.Tag != 0xBF38) return Reject($"outer tag {outer.Tag:X} is not BF38");
            var choice = TlvCodec.ReadSingle(outer.Value);
            if (choice.Tag == 0xA1)
            {
                var error = choice.Children();
                var code = Find(error, 0x02);
                var txId = Find(error, 0x80);
                if (code is not { } c) return Reject("AuthenticateResponseError without code");
                if (txId is { } t && !t.Value.Span.SequenceEqual(_transactionId))
                    return Reject("AuthenticateResponseError with another transactionId") with { ErrorCode = ReadInteger(c.Value) };
                return new AuthenticateServerResult { Outcome = PeerOutcome.CardError, ErrorCode = ReadInteger(c.Value) };
            }
            if (choice.Tag != 0xA0) return Reject($"choice tag {choice.Tag:X2}");
            var ok = choice.Children();
            if (ok.Count != 4 || ok[0].Tag != 0x30 || ok[1].Tag != 0x5F37 || ok[2].Tag != 0x30 || ok[3].Tag != 0x30)
                return Reject("AuthenticateResponseOk is not 30 5F37 30 30");
            var signed = ok[0].Children();
            if (signed.Count != 5 || signed[0].Tag != 0x80 || signed[1].Tag != 0x83 || signed[2].Tag != 0x84 || signed[3].Tag != 0xBF22
                || signed[4].Tag != 0xA0)
            {
                return Reject("euiccSigned1 is not 80 83 84 BF22 A0");
            }
            if (!signed[0].Value.Span.SequenceEqual(_transactionId)) return Reject("transactionId not echoed");
            if (!signed[1].Value.Span.SequenceEqual(Encoding.UTF8.GetBytes(_options.Address))) return Reject("serverAddress not echoed");
            if (!signed[2].Value.Span.SequenceEqual(_serverChallenge)) return Reject("serverChallenge not echoed");
            // A network SM-DP+ never sees ctxParams1 before the card signs it (the LPA builds it): it learns it here.
            if (_ctxParams1 is not null && !signed[4].Raw.Span.SequenceEqual(_ctxParams1))
                return Reject("ctxParams1 not echoed byte for byte");
            var matchingId = MatchingIdOf(signed[4]);

            var euiccCert = ok[2].Raw.ToArray();
            var eumCert = ok[3].Raw.ToArray();
            var chain = CertificateVerifier.VerifyEuicc(euiccCert, eumCert, _ci);
            if (!chain.IsValid) return Reject("certificate chain: " + chain.Reason);
            if (!chain.PublicKey!.Verify(ok[0].Raw.Span, ok[1].Value.Span)) return Reject("euiccSignature1 does not verify");

            _euiccKey = chain.PublicKey;
            _euiccSignature1 = ok[1].Raw.ToArray();
            Eid = Rsp.Values.Eid.Parse(chain.SubjectSerialNumber!);
            return new AuthenticateServerResult
            {
                Outcome = PeerOutcome.Ok,
                Eid = Eid,
                EuiccCertificate = euiccCert,
                EumCertificate = eumCert,
                EuiccInfo2 = signed[3].Raw.ToArray(),
                EuiccSignature1 = _euiccSignature1,
                MatchingId = matchingId,
            };
        }
        catch (FormatException e)
        {
            return Reject(e.Message);
        }
    }

    /// <summary>Builds PrepareDownloadRequest (BF21).</summary>
    // SGP.22 §5.6.3 (SM-DP+ side of AuthenticateClient) / §5.7.5 PrepareDownload.
    public byte[] BuildPrepareDownloadRequest(
        string? confirmationCode = null, ReadOnlyMemory<byte>? bppEuiccOtpk = null, SmdpFaults? faults = null)
    {
        if (_transactionId is null || _euiccSignature1 is null)
            throw new InvalidOperationException("PrepareDownload needs a verified AuthenticateServerResponse");
        faults ??= _options.Faults;
        var transactionId = faults.WrongTransactionIdInPrepareDownload ? Different(_transactionId) : _transactionId;
        var smdpSigned2 = TlvCodec.Constructed(0x30,
            TlvCodec.Encode(0x80, transactionId),
            TlvCodec.Encode(0x01, [confirmationCode is null ? (byte)0x00 : (byte)0xFF]),
            bppEuiccOtpk is { } otpk ? TlvCodec.Encode(0x5F49, otpk.Span) : []);
        SmdpSigned2 = smdpSigned2;

        var (certificate, key) = ServerCredential(RspRole.DpPb, faults.PbCertificate);
        // SGP.22 §5.6.2: smdpSignature2 covers smdpSigned2 || euiccSignature1 (both complete TLVs).
        var signature = Sign(key, [.. smdpSigned2, .. _euiccSignature1], faults.BadSmdpSignature2);
        _smdpSignature2 = TlvCodec.Encode(0x5F37, signature);

        _hashCc = null;
        if (confirmationCode is not null)
        {
            // SGP.22 §3.1.3.1: Hashed Confirmation Code = SHA256(SHA256(Confirmation Code) | TransactionID).
            _hashCc = SHA256.HashData([.. SHA256.HashData(Encoding.UTF8.GetBytes(confirmationCode)), .. _transactionId]);
        }
        return TlvCodec.Constructed(0xBF21,
            smdpSigned2,
            _smdpSignature2,
            _hashCc is null ? [] : TlvCodec.Encode(0x04, _hashCc),
            certificate);
    }

    /// <summary>Checks a PrepareDownloadResponse (BF21) and keeps otPK.EUICC.ECKA.</summary>
    // SGP.22 §5.6.2 GetBoundProfilePackage: euiccSignature2 over euiccSigned2 || smdpSignature2, transactionId, hashCc.
    public PrepareDownloadResult VerifyPrepareDownloadResponse(ReadOnlyMemory<byte> response)
    {
        if (_smdpSignature2 is null || _euiccKey is null) throw new InvalidOperationException("no PrepareDownloadRequest was built");
        static PrepareDownloadResult Reject(string why) => new() { Outcome = PeerOutcome.Rejected, Problem = why };
        try
        {
            var outer = TlvCodec.ReadSingle(response);
            if (outer.Tag != 0xBF21) return Reject($"outer tag {outer.Tag:X} is not BF21");
            var choice = TlvCodec.ReadSingle(outer.Value);
            if (choice.Tag == 0xA1)
            {
                var code = Find(choice.Children(), 0x02);
                return code is { } c
                    ? new PrepareDownloadResult { Outcome = PeerOutcome.CardError, ErrorCode = ReadInteger(c.Value) }
                    : Reject("PrepareDownloadResponseError without code");
            }
            if (choice.Tag != 0xA0) return Reject($"choice tag {choice.Tag:X2}");
            var ok = choice.Children();
            if (ok.Count != 2 || ok[0].Tag != 0x30 || ok[1].Tag != 0x5F37) return Reject("PrepareDownloadResponseOk is not 30 5F37");
            var signed = ok[0].Children();
            if (signed.Count is < 2 or > 3 || signed[0].Tag != 0x80 || signed[1].Tag != 0x5F49
                || (signed.Count == 3 && signed[2].Tag != 0x04))
            {
                return Reject("euiccSigned2 is not 80 5F49 [04]");
            }
            if (!signed[0].Value.Span.SequenceEqual(_transactionId)) return Reject("transactionId not echoed");
            var hashCc = signed.Count == 3 ? signed[2].Value.ToArray() : null;
            if (_hashCc is not null && (hashCc is null || !hashCc.AsSpan().SequenceEqual(_hashCc))) return Reject("hashCc not echoed");
            if (_hashCc is null && hashCc is not null) return Reject("hashCc present although none was sent");
            var otpk = signed[1].Value.ToArray();
            try
            {
                _ = EcPublicKey.FromPoint(_dpPb.Curve, otpk);
            }
            catch (CryptographicException e)
            {
                return Reject("otPK.EUICC.ECKA: " + e.Message);
            }
            if (!_euiccKey.Verify([.. ok[0].Raw.Span, .. _smdpSignature2], ok[1].Value.Span))
                return Reject("euiccSignature2 does not verify");
            _euiccOtpk = otpk;
            return new PrepareDownloadResult { Outcome = PeerOutcome.Ok, EuiccOtpk = otpk };
        }
        catch (FormatException e)
        {
            return Reject(e.Message);
        }
    }

    /// <summary>Checks a ProfileInstallationResult (BF37): euiccSignPIR, transactionId, smdpOid, notification metadata.</summary>
    // SGP.22 §5.6.4 HandleNotification / §5.7.6 ProfileInstallationResult.
    public InstallationResult VerifyProfileInstallationResult(ReadOnlyMemory<byte> response)
    {
        if (_transactionId is null || _euiccKey is null) throw new InvalidOperationException("no verified session");
        var raw = response.ToArray();
        InstallationResult Reject(string why) => new() { Outcome = PeerOutcome.Rejected, Problem = why, Raw = raw };
        try
        {
            var outer = TlvCodec.ReadSingle(response);
            if (outer.Tag != 0xBF37) return Reject($"outer tag {outer.Tag:X} is not BF37");
            var parts = outer.Children();
            if (parts.Count != 2 || parts[0].Tag != 0xBF27 || parts[1].Tag != 0x5F37)
                return Reject("ProfileInstallationResult is not BF27 5F37");
            if (!_euiccKey.Verify(parts[0].Raw.Span, parts[1].Value.Span)) return Reject("euiccSignPIR does not verify");
            var data = parts[0].Children();
            if (data.Count != 4 || data[0].Tag != 0x80 || data[1].Tag != 0xBF2F || data[2].Tag != 0x06 || data[3].Tag != 0xA2)
                return Reject("ProfileInstallationResultData is not 80 BF2F 06 A2");
            if (!data[0].Value.Span.SequenceEqual(_transactionId)) return Reject("transactionId differs");
            var oid = AsnDecoder.ReadObjectIdentifier(data[2].Raw.Span, AsnEncodingRules.DER, out _);
            if (oid != SmdpOid) return Reject($"smdpOid {oid} is not {SmdpOid}");

            var metadata = data[1].Children();
            if (metadata.Count is < 3 or > 4 || metadata[0].Tag != 0x80 || metadata[1].Tag != 0x81 || metadata[2].Tag != 0x0C)
                return Reject("NotificationMetadata is not 80 81 0C [5A]");
            if (!metadata[1].Value.Span.SequenceEqual(new byte[] { 0x07, 0x80 }))
                return Reject("notification event is not notificationInstall");
            if (Encoding.UTF8.GetString(metadata[2].Value.Span) != _options.Address)
                return Reject("notificationAddress is not the SM-DP+ address");
            Iccid? iccid = null;
            if (metadata.Count == 4)
            {
                if (metadata[3].Tag != 0x5A || !Iccid.TryFromSwappedBcd(metadata[3].Value.Span, out var parsed))
                    return Reject("notification iccid malformed");
                iccid = parsed;
            }
            var sequence = ReadInteger(metadata[0].Value);

            var final = TlvCodec.ReadSingle(data[3].Value);
            var fields = final.Children();
            if (final.Tag == 0xA0)
            {
                if (fields.Count != 2 || fields[0].Tag != 0x4F || fields[1].Tag != 0x04) return Reject("successResult is not 4F 04");
                return new InstallationResult
                {
                    Outcome = PeerOutcome.Ok,
                    IsdpAid = fields[0].Value.ToArray(),
                    SimaResponse = fields[1].Value.ToArray(),
                    NotificationSequenceNumber = sequence,
                    Iccid = iccid,
                    Raw = raw,
                };
            }
            if (final.Tag != 0xA1 || fields.Count is < 2 or > 3 || fields[0].Tag != 0x80 || fields[1].Tag != 0x81
                || (fields.Count == 3 && fields[2].Tag != 0x82))
            {
                return Reject("errorResult is not 80 81 [82]");
            }
            return new InstallationResult
            {
                Outcome = PeerOutcome.CardError,
                BppCommandId = ReadInteger(fields[0].Value),
                ErrorReason = ReadInteger(fields[1].Value),
                SimaResponse = fields.Count == 3 ? fields[2].Value.ToArray() : null,
                NotificationSequenceNumber = sequence,
                Iccid = iccid,
                Raw = raw,
            };
        }
        catch (Exception e) when (e is FormatException or AsnContentException)
        {
            return Reject(e.Message);
        }
    }

    /// <summary>Builds CancelSessionRequest (BF41) for the current transaction.</summary>
    // SGP.22 §5.7.14 CancelSession: automatic tags 80 transactionId, 81 reason.
    public byte[] BuildCancelSessionRequest(CancelSessionReason reason, ReadOnlyMemory<byte>? transactionId = null)
    {
        var txId = transactionId?.ToArray() ?? _transactionId ?? throw new InvalidOperationException("no session");
        _cancelReason = (int)reason;
        return TlvCodec.Constructed(0xBF41, TlvCodec.Encode(0x80, txId), TlvCodec.Encode(0x81, Integer((int)reason)));
    }

    private int? _cancelReason;

    /// <summary>Checks a CancelSessionResponse (BF41): euiccCancelSessionSignature over EuiccCancelSessionSigned.</summary>
    // SGP.22 §5.6.5 ES9+ CancelSession: transactionId, smdpOid of CERT.DPauth, reason.
    public CancelSessionResult VerifyCancelSessionResponse(ReadOnlyMemory<byte> response)
    {
        // A network SM-DP+ never builds the request (the LPA does): then any reason is accepted.
        if (_transactionId is null) throw new InvalidOperationException("no session");
        static CancelSessionResult Reject(string why) => new() { Outcome = PeerOutcome.Rejected, Problem = why };
        try
        {
            var outer = TlvCodec.ReadSingle(response);
            if (outer.Tag != 0xBF41) return Reject($"outer tag {outer.Tag:X} is not BF41");
            var choice = TlvCodec.ReadSingle(outer.Value);
            if (choice.Tag == 0x81)
                return new CancelSessionResult { Outcome = PeerOutcome.CardError, ErrorCode = ReadInteger(choice.Value) };
            if (choice.Tag != 0xA0) return Reject($"choice tag {choice.Tag:X2}");
            var ok = choice.Children();
            if (ok.Count != 2 || ok[0].Tag != 0x30 || ok[1].Tag != 0x5F37) return Reject("CancelSessionResponseOk is not 30 5F37");
            var signed = ok[0].Children();
            if (signed.Count != 3 || signed[0].Tag != 0x80 || signed[1].Tag != 0x81 || signed[2].Tag != 0x82)
                return Reject("EuiccCancelSessionSigned is not 80 81 82");
            if (!signed[0].Value.Span.SequenceEqual(_transactionId)) return Reject("transactionId differs");
            var oid = AsnDecoder.ReadObjectIdentifier(signed[1].Raw.Span, AsnEncodingRules.DER, out _,
                new Asn1Tag(TagClass.ContextSpecific, 1));
            if (oid != AuthOid) return Reject($"smdpOid {oid} is not {AuthOid}");
            var reason = ReadInteger(signed[2].Value);
            if (_cancelReason is { } expected && reason != expected) return Reject($"reason {reason} is not {expected}");
            if (_euiccKey is not null && !_euiccKey.Verify(ok[0].Raw.Span, ok[1].Value.Span))
                return Reject("euiccCancelSessionSignature does not verify");
            return new CancelSessionResult { Outcome = PeerOutcome.Ok, Reason = reason };
        }
        catch (Exception e) when (e is FormatException or AsnContentException)
        {
            return Reject(e.Message);
        }
    }

    private void ResetSession()
    {
        _transactionId = null;
        _serverChallenge = null;
        _ctxParams1 = null;
        _euiccSignature1 = null;
        _smdpSignature2 = null;
        _hashCc = null;
        _euiccKey = null;
        _euiccOtpk = null;
        _cancelReason = null;
        Eid = null;
        ServerSigned1 = null;
        SmdpSigned2 = null;
    }

    private (byte[] Certificate, TestServerKey Key) ServerCredential(RspRole role, CertificateFault fault)
    {
        var own = role == RspRole.DpAuth ? _dpAuth : _dpPb;
        switch (fault)
        {
            case CertificateFault.None:
                return (own.Certificate, own);
            case CertificateFault.WrongRole:
                var other = role == RspRole.DpAuth ? _dpPb : _dpAuth;
                return (other.Certificate, other);
            case CertificateFault.OtherCi:
                _otherCi ??= PrivateCiFactory.Create(new PrivateCiOptions { Curve = own.Curve });
                var foreign = _otherCi.IssueServerCertificate(role, role == RspRole.DpAuth ? AuthOid : SmdpOid, "EuiccEmulator TEST",
                    "TEST foreign SM-DP+");
                return (foreign.Certificate, foreign);
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    private static byte[] Sign(TestServerKey key, ReadOnlySpan<byte> data, bool corrupt)
    {
        using var signer = EcSigningKey.ImportPkcs8(key.PrivateKeyPkcs8);
        var signature = signer.Sign(data);
        if (signature.Length != SignatureLength) throw new CryptographicException("signature is not r||s");
        if (corrupt) signature[^1] ^= 0x01;
        return signature;
    }

    private static byte[] Different(byte[] value)
    {
        var copy = value.ToArray();
        copy[^1] ^= 0xFF;
        return copy;
    }

    private static Tlv? Find(IReadOnlyList<Tlv> list, int tag)
    {
        foreach (var tlv in list)
        {
            if (tlv.Tag == tag) return tlv;
        }
        return null;
    }

    /// <summary>INTEGER contents (two's complement, big-endian).</summary>
    internal static int ReadInteger(ReadOnlyMemory<byte> value)
    {
        var span = value.Span;
        if (span.Length is 0 or > 4) throw new FormatException("INTEGER of 1..4 bytes expected");
        var result = (sbyte)span[0] < 0 ? -1 : 0;
        foreach (var b in span) result = result << 8 | b;
        return result;
    }

    /// <summary>Minimal two's complement INTEGER contents.</summary>
    internal static byte[] Integer(int value)
    {
        var bytes = new System.Numerics.BigInteger(value).ToByteArray(isUnsigned: false, isBigEndian: true);
        return bytes;
    }
}
