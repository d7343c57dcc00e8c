using System.Formats.Asn1;
using System.Text;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Es9;

namespace EuiccEmulator.Servers.Smdp;

/// <summary>Configuration of a <see cref="SmdpService"/>.</summary>
public sealed record SmdpServiceOptions
{
    public required ProfileCatalog Catalog { get; init; }

    /// <summary>Keys, certificates, curve and address of the SM-DP+; default: SGP.26 NIST, testsmdpplus1.example.com.</summary>
    public TestSmdpOptions Smdp { get; init; } = new();

    /// <summary>Sessions kept at most; the oldest goes first.</summary>
    public int MaxSessions { get; init; } = 256;

    /// <summary>A session not finished in this time is dropped (SGP.22 §3.1.3: the SM-DP+ may expire it).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per verified (or refused) card message.</summary>
    public Action<string> Log { get; init; } = _ => { };
}

/// <summary>What the SM-DP+ saw: one entry per function call, with what it verified.</summary>
public sealed record SmdpEvent(string Function, string? TransactionId, bool Ok, string Text)
{
    public override string ToString() => $"{Function}{(TransactionId is null ? "" : " " + TransactionId)}: {(Ok ? "" : "REFUSED ")}{Text}";
}

/// <summary>
/// The test SM-DP+ behind ES9+ (SGP.22 §5.6): one <see cref="TestSmdp"/> per RSP session keyed by transaction ID,
/// profiles by matching ID, every card signature verified. Thread-safe; used by the HTTP binding and in-process.
/// </summary>
public sealed class SmdpService : IEs9Plus
{
    private readonly SmdpServiceOptions _options;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly List<SmdpEvent> _events = [];
    private readonly Lock _gate = new();
    private readonly byte[] _ci;

    public SmdpService(SmdpServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ci = options.Smdp.CiCertificate ?? TestPki.CiCertificate(EcCurve.NistP256);
        // Fail now, not in the first session, when the keys do not fit.
        _ = new TestSmdp(options.Smdp);
    }

    public string Address => _options.Smdp.Address;

    public ProfileCatalog Catalog => _options.Catalog;

    /// <summary>Everything verified or refused so far (a copy).</summary>
    public IReadOnlyList<SmdpEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    public int OpenSessions
    {
        get
        {
            lock (_gate) return _sessions.Count;
        }
    }

    // SGP.22 §5.6.1 ES9+.InitiateAuthentication
    public Task<Es9Result<InitiateAuthenticationOk>> InitiateAuthenticationAsync(
        byte[] euiccChallenge, byte[]? euiccInfo1, string smdpAddress, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(euiccChallenge);
        const string F = "initiateAuthentication";
        // An activation code may carry HOST:PORT; the SM-DP+ name is the host part.
        var host = smdpAddress.Contains(':', StringComparison.Ordinal) && !Address.Contains(':', StringComparison.Ordinal)
            ? smdpAddress[..smdpAddress.IndexOf(':', StringComparison.Ordinal)]
            : smdpAddress;
        if (!string.Equals(host, Address, StringComparison.OrdinalIgnoreCase))
            return Done<InitiateAuthenticationOk>(F, null, Es9Codes.SmdpAddressRefused($"this SM-DP+ is {Address}, not {smdpAddress}"));
        if (euiccChallenge.Length != 16)
            return Done<InitiateAuthenticationOk>(F, null, Es9Codes.InvalidData("euiccChallenge", "not 16 bytes"));
        var smdp = new TestSmdp(_options.Smdp with { Faults = _options.Catalog.SessionFaults });
        if (euiccInfo1 is not null)
        {
            var ciCheck = SigningCiOffered(euiccInfo1, smdp.CiPkIdToBeUsed.Span);
            if (ciCheck is not null) return Done<InitiateAuthenticationOk>(F, null, ciCheck);
        }
        var pieces = smdp.InitiateAuthentication(euiccChallenge);
        var id = Convert.ToHexString(pieces.TransactionId);
        lock (_gate)
        {
            Expire();
            while (_sessions.Count >= _options.MaxSessions)
                _sessions.Remove(_sessions.MinBy(s => s.Value.Created).Key);
            _sessions[id] = new Session(smdp, _options.Time.GetUtcNow());
        }
        Record(F, id, true, "session opened, serverSigned1 signed with CERT.DPauth");
        return Task.FromResult(new Es9Result<InitiateAuthenticationOk>(
            new InitiateAuthenticationOk(
                id, pieces.ServerSigned1, pieces.ServerSignature1, pieces.EuiccCiPkIdToBeUsed, pieces.ServerCertificate),
            Es9Status.Success));
    }

    // SGP.22 §5.6.3 ES9+.AuthenticateClient
    public Task<Es9Result<AuthenticateClientOk>> AuthenticateClientAsync(
        string transactionId, byte[] authenticateServerResponse, CancellationToken cancel = default)
    {
        const string F = "authenticateClient";
        var session = Find(transactionId, Stage.Initiated, out var missing);
        if (session is null) return Done<AuthenticateClientOk>(F, transactionId, missing!);
        lock (session)
        {
            if (session.Stage != Stage.Initiated)
            {
                return Done<AuthenticateClientOk>(F, transactionId,
                    Es9Codes.UnknownTransaction("authenticateClient already done for this transaction"));
            }
            var result = session.Smdp.VerifyAuthenticateServerResponse(authenticateServerResponse);
            if (result.Outcome == PeerOutcome.CardError)
            {
                return Done<AuthenticateClientOk>(F, transactionId,
                    Es9Codes.EuiccVerificationFailed($"the card answered AuthenticateServer with error {result.ErrorCode}"));
            }
            if (!result.IsOk)
            {
                var status = result.Problem!.StartsWith("certificate chain", StringComparison.Ordinal)
                    ? Es9Codes.EuiccCertificateInvalid(result.Problem)
                    : Es9Codes.EuiccVerificationFailed(result.Problem);
                return Done<AuthenticateClientOk>(F, transactionId, status);
            }
            if (result.MatchingId is not { } matchingId)
            {
                return Done<AuthenticateClientOk>(F, transactionId, Es9Codes.MatchingIdRefused("no matchingId in ctxParams1 (this SM-DP+ "
                    + "holds no default or SM-DS orders)"));
            }
            if (!_options.Catalog.TryGet(matchingId, out var profile))
            {
                return Done<AuthenticateClientOk>(F, transactionId,
                    Es9Codes.MatchingIdRefused($"no profile for matching ID '{Printable(matchingId)}'"));
            }
            session.Profile = profile;
            session.Eid = result.Eid;
            var bf21 = session.Smdp.BuildPrepareDownloadRequest(faults: Merge(profile.Faults));
            var parts = TlvCodec.ReadSingle(bf21).Children();
            session.Stage = Stage.Authenticated;
            Record(F, transactionId, true, $"EID {result.Eid}, matching ID {matchingId}: CERT.EUICC -> CERT.EUM -> CI verified, "
                + $"euiccSignature1 verified; smdpSigned2 signed with CERT.DPpb");
            return Task.FromResult(new Es9Result<AuthenticateClientOk>(
                new AuthenticateClientOk(
                    transactionId, profile.Metadata.Encode(), parts[0].Raw.ToArray(), parts[1].Raw.ToArray(), parts[^1].Raw.ToArray()),
                Es9Status.Success));
        }
    }

    // SGP.22 §5.6.2 ES9+.GetBoundProfilePackage
    public Task<Es9Result<BoundProfilePackageOk>> GetBoundProfilePackageAsync(
        string transactionId, byte[] prepareDownloadResponse, CancellationToken cancel = default)
    {
        const string F = "getBoundProfilePackage";
        var session = Find(transactionId, Stage.Authenticated, out var missing);
        if (session is null) return Done<BoundProfilePackageOk>(F, transactionId, missing!);
        lock (session)
        {
            if (session.Stage != Stage.Authenticated)
            {
                return Done<BoundProfilePackageOk>(F, transactionId, Es9Codes.UnknownTransaction($"the session is at {session.Stage}, "
                    + $"not waiting for getBoundProfilePackage"));
            }
            var result = session.Smdp.VerifyPrepareDownloadResponse(prepareDownloadResponse);
            if (result.Outcome == PeerOutcome.CardError)
            {
                return Done<BoundProfilePackageOk>(F, transactionId,
                    Es9Codes.EuiccVerificationFailed($"the card answered PrepareDownload with error {result.ErrorCode}"));
            }
            if (!result.IsOk)
            {
                return Done<BoundProfilePackageOk>(F, transactionId, result.Problem == "transactionId not echoed"
                    ? Es9Codes.UnknownTransaction("euiccSigned2.transactionId is not this session's")
                    : Es9Codes.EuiccVerificationFailed(result.Problem!));
            }
            var profile = session.Profile!;
            var bpp = session.Smdp.BuildBoundProfilePackage(profile.Upp, profile.Metadata, false, Merge(profile.Faults));
            session.Stage = Stage.PackageSent;
            Record(F, transactionId, true, $"euiccSignature2 verified; BPP for {profile.Metadata.Iccid} ({bpp.Bytes.Length} bytes, "
                + $"{bpp.Segments.Count} segments) bound to otPK.EUICC");
            return Task.FromResult(
                new Es9Result<BoundProfilePackageOk>(new BoundProfilePackageOk(transactionId, bpp.Bytes), Es9Status.Success));
        }
    }

    // SGP.22 §5.6.4 ES9+.HandleNotification: PendingNotification = ProfileInstallationResult | OtherSignedNotification.
    public Task<Es9Status> HandleNotificationAsync(byte[] pendingNotification, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(pendingNotification);
        const string F = "handleNotification";
        try
        {
            var outer = TlvCodec.ReadSingle(pendingNotification);
            if (outer.Tag == 0xBF37) return Task.FromResult(InstallResult(outer));
            if (outer.Tag == 0x30)
            {
                var (ok, text) = NotificationVerifier.VerifyOther(outer, _ci);
                Record(F, null, ok, text);
                return Task.FromResult(ok ? Es9Status.Success : Es9Codes.EuiccVerificationFailed(text));
            }
            return Task.FromResult(
                Fail(F, null, Es9Codes.InvalidData("pendingNotification", $"tag {outer.Tag:X2} is neither BF37 nor 30")));
        }
        catch (FormatException e)
        {
            return Task.FromResult(Fail(F, null, Es9Codes.InvalidData("pendingNotification", e.Message)));
        }
    }

    // SGP.22 §5.6.5 ES9+.CancelSession
    public Task<Es9Status> CancelSessionAsync(string transactionId, byte[] cancelSessionResponse, CancellationToken cancel = default)
    {
        const string F = "cancelSession";
        var session = Find(transactionId, null, out var missing);
        if (session is null) return Task.FromResult(Fail(F, transactionId, missing!));
        lock (session)
        {
            var result = session.Smdp.VerifyCancelSessionResponse(cancelSessionResponse);
            if (!result.IsOk)
            {
                var why = result.Outcome == PeerOutcome.CardError
                    ? $"the card answered CancelSession with error {result.ErrorCode}"
                    : result.Problem!;
                var status = why.StartsWith("smdpOid", StringComparison.Ordinal) ? Es9Codes.InvalidOid(why)
                    : why.StartsWith("transactionId", StringComparison.Ordinal) ? Es9Codes.UnknownTransaction(why)
                    : Es9Codes.EuiccVerificationFailed(why);
                return Task.FromResult(Fail(F, transactionId, status));
            }
            lock (_gate) _sessions.Remove(transactionId);
            var signature = session.Stage == Stage.Initiated
                ? "signature not checkable (no CERT.EUICC before authenticateClient)"
                : "euiccCancelSessionSignature verified";
            Record(F, transactionId, true, $"reason {result.Reason} ({CancelReasonName(result.Reason)}); {signature}; session closed");
            return Task.FromResult(Es9Status.Success);
        }
    }

    private Es9Status InstallResult(Tlv bf37)
    {
        const string F = "handleNotification";
        // BF37 { BF27 { 80 transactionId ... } 5F37 }: find the session before checking anything else.
        var data = bf37.Children().FirstOrDefault(c => c.Tag == 0xBF27);
        var txTlv = data.Raw.IsEmpty ? default : data.Children().FirstOrDefault(c => c.Tag == 0x80);
        if (txTlv.Raw.IsEmpty)
            return Fail(F, null, Es9Codes.InvalidData("pendingNotification", "ProfileInstallationResult without transactionId"));
        var id = Convert.ToHexString(txTlv.Value.Span);
        Session? session;
        lock (_gate) _sessions.TryGetValue(id, out session);
        if (session is null || session.Stage != Stage.PackageSent)
        {
            // Acknowledged anyway, so the LPA deletes it (SGP.22 §3.5); a replay changes nothing.
            Record(F, id, false, "ProfileInstallationResult for no open download (replayed or expired): acknowledged, not counted");
            return Es9Status.Success;
        }
        lock (session)
        {
            var result = session.Smdp.VerifyProfileInstallationResult(bf37.Raw);
            lock (_gate) _sessions.Remove(id);
            session.Stage = Stage.Finished;
            if (result.Outcome == PeerOutcome.Rejected)
                return Fail(F, id, Es9Codes.EuiccVerificationFailed("ProfileInstallationResult: " + result.Problem));
            var text = result.IsOk
                ? $"installed {result.Iccid} in ISD-P {Convert.ToHexString(result.IsdpAid!)} on EID {session.Eid}; "
                    + $"euiccSignPIR verified, seq {result.NotificationSequenceNumber}"
                : $"installation FAILED on EID {session.Eid}: bppCommandId {result.BppCommandId}, errorReason {result.ErrorReason}; "
                    + $"euiccSignPIR verified, seq {result.NotificationSequenceNumber}";
            Record(F, id, result.IsOk, text);
            return Es9Status.Success;
        }
    }

    private Session? Find(string transactionId, Stage? stage, out Es9Status? missing)
    {
        missing = null;
        if (string.IsNullOrEmpty(transactionId) || transactionId.Length > 32)
        {
            missing = Es9Codes.UnknownTransaction("transactionId missing or longer than 16 bytes");
            return null;
        }
        lock (_gate)
        {
            Expire();
            if (_sessions.TryGetValue(transactionId.ToUpperInvariant(), out var session)) return session;
        }
        missing = Es9Codes.UnknownTransaction(
            $"no open session {Printable(transactionId)}{(stage is null ? "" : " (expired, finished or never opened)")}");
        return null;
    }

    private void Expire()
    {
        var now = _options.Time.GetUtcNow();
        foreach (var key in _sessions.Where(s => now - s.Value.Created > _options.SessionLifetime).Select(s => s.Key).ToList())
            _sessions.Remove(key);
    }

    private SmdpFaults Merge(SmdpFaults profile) => profile == SmdpFaults.None ? _options.Catalog.SessionFaults : profile;

    private static Es9Status? SigningCiOffered(byte[] euiccInfo1, ReadOnlySpan<byte> ciPkId)
    {
        try
        {
            var info = TlvCodec.ReadSingle(euiccInfo1);
            if (info.Tag != 0xBF20) return Es9Codes.InvalidData("euiccInfo1", $"tag {info.Tag:X2} is not BF20");
            var signing = info.Children().FirstOrDefault(c => c.Tag == 0xAA);
            if (signing.Raw.IsEmpty) return Es9Codes.InvalidData("euiccInfo1", "no euiccCiPKIdListForSigning");
            foreach (var ski in signing.Children())
            {
                if (ski.Value.Span.SequenceEqual(ciPkId)) return null;
            }
            return Es9Codes.CiNotSupported("the card signs under no CI this SM-DP+ knows");
        }
        catch (FormatException e)
        {
            return Es9Codes.InvalidData("euiccInfo1", e.Message);
        }
    }

    private Task<Es9Result<T>> Done<T>(string function, string? transactionId, Es9Status failure) where T : class =>
        Task.FromResult(new Es9Result<T>(null, Fail(function, transactionId, failure)));

    private Es9Status Fail(string function, string? transactionId, Es9Status failure)
    {
        Record(function, transactionId, false, $"{failure.SubjectCode}/{failure.ReasonCode} {failure.Message}");
        return failure;
    }

    private void Record(string function, string? transactionId, bool ok, string text)
    {
        var e = new SmdpEvent(function, transactionId, ok, text);
        lock (_gate)
        {
            // Bounded: a long-running server keeps the last 1000.
            if (_events.Count >= 1000) _events.RemoveAt(0);
            _events.Add(e);
        }
        _options.Log("SM-DP+ " + e);
    }

    internal static string Printable(string text)
    {
        var clean = new string([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 64 ? clean + "..." : clean;
    }

    private static string CancelReasonName(int? reason) => reason switch
    {
        0 => "endUserRejection",
        1 => "postponed",
        2 => "timeout",
        3 => "pprNotAllowed",
        4 => "metadataMismatch",
        5 => "loadBppExecutionError",
        127 => "undefinedReason",
        _ => "?",
    };

    private enum Stage
    {
        Initiated,
        Authenticated,
        PackageSent,
        Finished,
    }

    private sealed class Session(TestSmdp smdp, DateTimeOffset created)
    {
        public TestSmdp Smdp { get; } = smdp;

        public DateTimeOffset Created { get; } = created;

        public Stage Stage { get; set; }

        public ServedProfile? Profile { get; set; }

        public Eid? Eid { get; set; }
    }
}

/// <summary>Checks notifications the card signed outside a download session.</summary>
public static class NotificationVerifier
{
    /// <summary>
    /// OtherSignedNotification 30 { BF2F tbsOtherNotification, 5F37 signature, 30 CERT.EUICC, 30 CERT.EUM }: the chain
    /// up to <paramref name="ciCertificate"/> and the signature over the raw BF2F.
    /// </summary>
    // SGP.22 §5.7.9 / RSPDefinitions OtherSignedNotification.
    public static (bool Ok, string Text) VerifyOther(Tlv notification, byte[] ciCertificate)
    {
        var parts = notification.Children();
        if (parts.Count != 4 || parts[0].Tag != 0xBF2F || parts[1].Tag != 0x5F37 || parts[2].Tag != 0x30 || parts[3].Tag != 0x30)
            return (false, "OtherSignedNotification is not BF2F 5F37 30 30");
        var chain = CertificateVerifier.VerifyEuicc(parts[2].Raw.ToArray(), parts[3].Raw.ToArray(), ciCertificate);
        if (!chain.IsValid) return (false, "certificate chain: " + chain.Reason);
        if (!chain.PublicKey!.Verify(parts[0].Raw.Span, parts[1].Value.Span)) return (false, "euiccNotificationSignature does not verify");
        return (true, Describe(parts[0]) + $" from EID {chain.SubjectSerialNumber}: CERT.EUICC chain and signature verified");
    }

    /// <summary>"seq N, EVENT, ICCID x, to ADDRESS" for a NotificationMetadata (BF2F).</summary>
    public static string Describe(Tlv metadata)
    {
        long? seq = null;
        string evt = "?", address = "?", iccid = "";
        foreach (var f in metadata.Children())
        {
            switch (f.Tag)
            {
                case 0x80:
                    seq = (long)new System.Numerics.BigInteger(f.Value.Span, isUnsigned: false, isBigEndian: true);
                    break;
                case 0x81:
                    evt = EventName(f.Value.Span);
                    break;
                case 0x0C:
                    address = Encoding.UTF8.GetString(f.Value.Span);
                    break;
                case 0x5A:
                    iccid = Iccid.TryFromSwappedBcd(f.Value.Span, out var i) ? $", ICCID {i}" : "";
                    break;
            }
        }
        return $"notification seq {seq}, {evt}{iccid}, for {SmdpService.Printable(address)}";
    }

    /// <summary>
    /// The NotificationMetadata (BF2F) of a PendingNotification: ProfileInstallationResult BF37 { BF27 { ... BF2F } }
    /// or OtherSignedNotification 30 { BF2F ... } (SGP.22 §5.7.10).
    /// </summary>
    public static Tlv Metadata(Tlv pendingNotification) => pendingNotification.Tag == 0xBF37
        ? pendingNotification.Children()[0].Children().First(c => c.Tag == 0xBF2F)
        : pendingNotification.Children()[0];

    /// <summary>The notificationAddress (0C) of a BF2F.</summary>
    public static string? Address(Tlv metadata) =>
        metadata.Children().FirstOrDefault(c => c.Tag == 0x0C) is { Raw.IsEmpty: false } a ? Encoding.UTF8.GetString(a.Value.Span) : null;

    // SGP.22 NotificationEvent BIT STRING: install 0, enable 1, disable 2, delete 3.
    private static string EventName(ReadOnlySpan<byte> bits)
    {
        if (bits.Length < 2) return "no event";
        var b = bits[1];
        return (b & 0x80) != 0 ? "install"
            : (b & 0x40) != 0 ? "enable"
            : (b & 0x20) != 0 ? "disable"
            : (b & 0x10) != 0 ? "delete"
            : "event " + Convert.ToHexString(bits);
    }
}
