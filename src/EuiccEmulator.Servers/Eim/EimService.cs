using System.Numerics;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Smdp;

namespace EuiccEmulator.Servers.Eim;

/// <summary>Configuration of an <see cref="EimService"/>.</summary>
public sealed record EimServiceOptions
{
    /// <summary>The eIM's LiteDB file (counters, association tokens, certificates, the queue).</summary>
    public required string StorePath { get; init; }

    public string EimId { get; init; } = TestEimOptions.DefaultEimId;

    /// <summary>eimFqdn put in the AddInitialEim request; default: the eimId.</summary>
    public string? EimFqdn { get; init; }

    /// <summary>The CI that CERT.EUM / CERT.EUICC must chain to; default: the SGP.26 NIST test CI.</summary>
    public byte[]? CiCertificate { get; init; }

    /// <summary>Receives one line per message received, verified or refused.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>
    /// The SM-DP+ an indirect download is relayed to, by address; default: ES9+ over HTTPS to https://ADDRESS/,
    /// trusting the SGP.26 test CI.
    /// </summary>
    public Func<string, IEs9Plus>? SmdpFor { get; init; }
}

/// <summary>What the eIM saw: one entry per ESipa message or admin action.</summary>
public sealed record EimEvent(string Function, string? Eid, bool Ok, string Text)
{
    public override string ToString() => $"{Function}{(Eid is null ? "" : " " + Eid)}: {(Ok ? "" : "REFUSED ")}{Text}";
}

/// <summary>Kinds of package <see cref="EimService.Queue"/> builds.</summary>
public enum EimQueueOperation
{
    Enable,
    Disable,
    Delete,
    ListProfiles,
    IpaData,

    /// <summary>A ProfileDownloadTriggerRequest with an activation code.</summary>
    Download,
}

/// <summary>A refused queueing request (bad EID, missing ICCID).</summary>
public sealed class EimQueueException(string message) : Exception(message);

/// <summary>
/// The test eIM behind ESipa (SGP.32 §6.3, ASN.1 binding): signed eUICC Packages and IpaEuiccDataRequests queued per
/// EID, delivered by GetEimPackage, their results and notifications verified. State lives in <see cref="EimStore"/>,
/// so a restart loses no queued package. Thread-safe (one lock: the store is a single file).
/// </summary>
public sealed class EimService : IDisposable
{
    private readonly EimServiceOptions _options;
    private readonly EimStore _store;
    private readonly byte[] _ci;
    private readonly List<EimEvent> _events = [];
    private readonly Lock _gate = new();
    private readonly HashSet<int> _inThisMessage = [];

    public EimService(EimServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ci = options.CiCertificate ?? TestPki.CiCertificate(EcCurve.NistP256);
        _relay = new EsipaRelay(options.SmdpFor ?? DefaultSmdp, (function, ok, text) =>
        {
            lock (_gate) Record(function, null, ok, text);
        });
        _store = new EimStore(options.StorePath);
    }

    private readonly EsipaRelay _relay;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Es9PlusHttpClient> _smdps =
        new(StringComparer.OrdinalIgnoreCase);

    private IEs9Plus DefaultSmdp(string address) => _smdps.GetOrAdd(address, a => new Es9PlusHttpClient(new Uri($"https://{a}/")));

    public string EimId => _options.EimId;

    public string StorePath => _store.Path;

    /// <summary>Everything received so far (a copy).</summary>
    public IReadOnlyList<EimEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    /// <summary>The AddInitialEim request (BF57) associating a card with this eIM: its eimId, FQDN, SGP.26 key, token -1.</summary>
    // SGP.32 §5.9.4: associationToken -1 asks the card to assign one.
    public byte[] AddInitialEimRequest()
    {
        using var eim = NewEim(Eid.WithCheckDigits("890490321234512345123456789012"), null);
        return TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken });
    }

    /// <summary>The card's queue and state, for the admin endpoint.</summary>
    public (EimCardRecord? Card, IReadOnlyList<EimQueueRecord> Items) State(string eid)
    {
        lock (_gate) return (_store.FindCard(eid), _store.Items(eid));
    }

    /// <summary>
    /// Queues a signed eUICC Package (or an IpaEuiccDataRequest) for <paramref name="eidText"/>. A given
    /// <paramref name="associationToken"/> or <paramref name="sgp32Version"/> is remembered for the card.
    /// </summary>
    /// <exception cref="EimQueueException">Bad EID, ICCID or version.</exception>
    public EimQueueRecord Queue(
        string eidText, EimQueueOperation operation, string? iccidText = null, long? associationToken = null, string? sgp32Version = null,
        string? activationCode = null)
    {
        if (!Eid.TryParse(eidText ?? "", out var eid, out var why)) throw new EimQueueException($"eid: {why}");
        if (sgp32Version is not (null or "1.0" or "1.2")) throw new EimQueueException($"sgp32: '{sgp32Version}' is not 1.0 or 1.2");
        Iccid? iccid = null;
        if (operation is EimQueueOperation.Enable or EimQueueOperation.Disable or EimQueueOperation.Delete)
        {
            if (!Iccid.TryParse(iccidText, out var parsed)) throw new EimQueueException($"iccid: '{iccidText}' is not an ICCID");
            iccid = parsed;
        }
        // SGP.32 §2.11.1.3: activationCode UTF8String (SIZE(0..255)).
        if (operation == EimQueueOperation.Download
            && (string.IsNullOrEmpty(activationCode) || System.Text.Encoding.UTF8.GetByteCount(activationCode) > 255))
        {
            throw new EimQueueException("activationCode: 1..255 bytes, e.g. LPA:1$HOST$MATCHINGID");
        }
        lock (_gate)
        {
            var card = _store.FindCard(eid.Digits) ?? new EimCardRecord { Eid = eid.Digits };
            if (associationToken is { } t) card.AssociationToken = t;
            if (sgp32Version is not null) card.Sgp32Version = sgp32Version;
            EimQueueRecord item;
            if (operation == EimQueueOperation.IpaData)
            {
                item = IpaDataRequest(card);
            }
            else if (operation == EimQueueOperation.Download)
            {
                item = DownloadTrigger(card, activationCode!);
            }
            else
            {
                using var eim = NewEim(eid, card);
                var psmo = operation switch
                {
                    EimQueueOperation.Enable => Psmo.Enable(iccid!.Value),
                    EimQueueOperation.Disable => Psmo.Disable(iccid!.Value),
                    EimQueueOperation.Delete => Psmo.Delete(iccid!.Value),
                    _ => Psmo.ListProfileInfo(),
                };
                var request = eim.BuildEuiccPackage([psmo]);
                card.LastCounter = eim.LastCounter;
                item = new EimQueueRecord
                {
                    Eid = eid.Digits,
                    Kind = "euiccPackage",
                    Description = operation switch
                    {
                        EimQueueOperation.ListProfiles => "list-profiles",
                        _ => $"{operation.ToString().ToLowerInvariant()} {iccid}",
                    } + $", counter {request.CounterValue}",
                    Encoded = request.Encoded,
                    TransactionId = request.TransactionId,
                    CounterValue = request.CounterValue,
                    SignedData = request.SignedData,
                    SignatureInput = request.SignatureInput,
                    Signature = request.Signature,
                    AssociationTokenDo = request.AssociationTokenDo,
                    ExpectedResults = [.. request.ExpectedResults.Select(k => k is { } kind ? (int)kind : 0)],
                };
            }
            item.Queued = DateTime.UtcNow;
            _store.Upsert(card);
            item.Id = _store.Add(item);
            Record("queue", eid.Digits, true, $"#{item.Id} {item.Description}");
            return item;
        }
    }

    /// <summary>
    /// One ESipa message (EsipaMessageFromIpaToEim, SGP.32 §6.3.1) to its answer: the DER body, or null for
    /// handleNotification (HTTP 204). Malformed input gives <see cref="EsipaException"/> (HTTP 400).
    /// </summary>
    public async Task<byte[]?> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancel = default)
    {
        Tlv message;
        try
        {
            message = TlvCodec.ReadSingle(body);
        }
        catch (FormatException e)
        {
            throw new EsipaException("not one DER TLV: " + e.Message);
        }
        try
        {
            // The relay waits for the SM-DP+: outside the lock.
            if (EsipaRelay.Handles(message.Tag)) return await _relay.HandleAsync(message, cancel).ConfigureAwait(false);
            byte[]? answer;
            lock (_gate)
            {
                _inThisMessage.Clear();
                answer = Dispatch(message);
            }
            // A ProfileInstallationResult of a relayed session also goes to its SM-DP+ (SGP.32 §3.2.3).
            if (message.Tag == 0xBF3D && RelayedResult(message) is { } pir && _relay.SessionOf(pir) is { } smdp)
            {
                var status = await smdp.HandleNotificationAsync(pir.Raw.ToArray(), cancel).ConfigureAwait(false);
                lock (_gate)
                    Record("handleNotification", null, status.IsSuccess, "ProfileInstallationResult passed to the SM-DP+: " + status);
            }
            return answer;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException
            or System.Formats.Asn1.AsnContentException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // Whatever a malformed body trips deeper down (certificates, signatures) is the client's error.
            throw new EsipaException($"{message.Tag:X2}: {e.Message}");
        }
    }

    private static Tlv? RelayedResult(Tlv handleNotification)
    {
        var choice = handleNotification.Children();
        if (choice.Count != 1 || choice[0].Tag != 0xA0) return null;
        var inner = choice[0].Children();
        return inner.Count == 1 && inner[0].Tag == 0xBF37 ? inner[0] : null;
    }

    private byte[]? Dispatch(Tlv message) => message.Tag switch
    {
        0xBF4F => GetEimPackage(message),
        0xBF50 => ProvideEimPackageResult(message, "provideEimPackageResult"),
        0xBF3D => HandleNotification(message),
        0xBF4E => throw new EsipaNotSupportedException("BF4E transferEimPackageResponse: "
            + "this eIM does not push packages (no ESipa transferEimPackage)"),
        _ => throw new EsipaException($"{message.Tag:X2} is not an EsipaMessageFromIpaToEim"),
    };

    // SGP.32 §6.3.2.6 GetEimPackage: BF4F { 5A eidValue, 80 notifyStateChange?, 81 stateChangeCause? (v1.2), 8x rPLMN? }
    // -> BF4F { BF51 | BF52 | BF54 | 02 eimPackageError }.
    private byte[] GetEimPackage(Tlv request)
    {
        var fields = Children(request);
        if (fields.Count == 0 || fields[0].Tag != 0x5A) return PackageError(null, 4, "missingEid: no eidValue");
        if (fields[0].Value.Length != 16) return PackageError(null, 3, $"invalidEid: eidValue of {fields[0].Value.Length} bytes");
        var eid = Convert.ToHexString(fields[0].Value.Span);
        var card = _store.FindCard(eid);
        if (card is null) return PackageError(eid, 2, "eidNotFound: nothing was ever queued for this EID");
        var extras = string.Join(", ", fields.Skip(1).Select(f => f.Tag switch
        {
            0x80 => "notifyStateChange",
            0x81 when f.Value.Length == 3 => "rPLMN " + Convert.ToHexString(f.Value.Span),
            0x81 => "stateChangeCause " + Integer(f),
            0x82 => "rPLMN " + Convert.ToHexString(f.Value.Span),
            _ => $"{f.Tag:X2}",
        }));
        var next = _store.Items(eid).FirstOrDefault(i => i.State == "queued");
        if (next is null)
        {
            Record("getEimPackage", eid, true, "noEimPackageAvailable" + (extras.Length == 0 ? "" : $" ({extras})"));
            return TlvCodec.Constructed(0xBF4F, Int(0x02, 1));
        }
        next.State = "sent";
        _store.Update(next);
        Record("getEimPackage", eid, true, $"delivered #{next.Id} {next.Description}" + (extras.Length == 0 ? "" : $" ({extras})"));
        return TlvCodec.Constructed(0xBF4F, next.Encoded);
    }

    private byte[] PackageError(string? eid, int code, string text)
    {
        Record("getEimPackage", eid, false, text);
        return TlvCodec.Constructed(0xBF4F, Int(0x02, code));
    }

    // SGP.32 v1.2 §6.3.2.7: BF50 { 5A eidValue?, EimPackageResult }; v1.0: BF50 is the CHOICE itself.
    // EimPackageResult: BF51 | 30 { BF51, A0 (v1.2) / BF2B (v1.0) notifications } | BF52 | BF54 | A0 / 02 error.
    // -> BF50 { BF53 { 80 seqNumber... } }: every result and notification seen is acknowledged, so the IPA removes it.
    private byte[] ProvideEimPackageResult(Tlv message, string function)
    {
        var fields = Children(message);
        string? eid = null;
        if (fields.Count > 0 && fields[0].Tag == 0x5A)
        {
            eid = Convert.ToHexString(fields[0].Value.Span);
            fields = [.. fields.Skip(1)];
        }
        if (fields.Count != 1) throw new EsipaException($"{function}: expected one EimPackageResult, got {fields.Count} components");
        var acks = new List<long>();
        var result = fields[0];
        switch (result.Tag)
        {
            case 0xBF51:
                PackageResult(result, eid, function, acks);
                break;
            case 0x30:
            {
                var parts = Children(result);
                if (parts.Count != 2 || parts[0].Tag != 0xBF51 || parts[1].Tag is not (0xA0 or 0xBF2B))
                    throw new EsipaException($"{function}: ePRAndNotifications is 30 {{ BF51, A0 | BF2B }}");
                PackageResult(parts[0], eid, function, acks);
                NotificationList(parts[1], eid, function, acks);
                break;
            }
            case 0xBF52:
                IpaEuiccData(result, eid, function, acks);
                break;
            case 0xBF54:
                DownloadTriggerResult(result, eid, function);
                break;
            case 0xA0 or 0x02:
                Record(function, eid, false, "the IPA reports eimPackageResultErrorCode " + Convert.ToHexString(result.Value.Span));
                break;
            default:
                throw new EsipaException($"{function}: {result.Tag:X2} is not an EimPackageResult alternative");
        }
        return TlvCodec.Constructed(0xBF50, TlvCodec.Constructed(0xBF53, acks.Distinct().Select(s => Int(0x80, s))));
    }

    // v1.2: A0 { PendingNotification... }. v1.0: BF2B RetrieveNotificationsListResponse { A0 notifications | A2 eUICC
    // Package Results | 81 error }, as the open v1.0 IPAd forwards the card's answer (it repeats the result in A2).
    private void NotificationList(Tlv list, string? eid, string function, List<long> acks)
    {
        var inner = list.Tag == 0xBF2B ? SingleChild(list, -1, "RetrieveNotificationsListResponse") : list;
        switch (inner.Tag)
        {
            case 0xA0:
                foreach (var n in Children(inner)) Notification(n, function, acks);
                break;
            case 0xA2:
                foreach (var r in Children(inner))
                {
                    if (r.Tag != 0xBF51) throw new EsipaException($"{function}: euiccPackageResultList holds {r.Tag:X2}");
                    PackageResult(r, eid, function, acks);
                }
                break;
            case 0x81:
                Record(function, eid, true, "notificationsListResultError " + Convert.ToHexString(inner.Value.Span));
                break;
            default:
                throw new EsipaException($"{function}: {inner.Tag:X2} is not a notification list");
        }
    }

    private void PackageResult(Tlv tlv, string? eid, string function, List<long> acks)
    {
        EuiccPackageResultInfo parsed;
        try
        {
            parsed = TestEim.ParseEuiccPackageResult(tlv.Raw);
        }
        catch (FormatException e)
        {
            throw new EsipaException($"{function}: EuiccPackageResult: {e.Message}");
        }
        // v1.0 carries no EID: the package is found by its transaction ID, else by eimId and counter.
        var items = eid is null ? _store.AllItems() : _store.Items(eid);
        var item = items.Where(i => i.Kind == "euiccPackage" && i.State != "queued").LastOrDefault(i =>
            parsed.TransactionId is { } tx ? i.TransactionId is not null && tx.AsSpan().SequenceEqual(i.TransactionId)
            : parsed.CounterValue == i.CounterValue);
        if (item is null)
        {
            Record(function, eid, false, $"EuiccPackageResult for no package this eIM delivered (counter {parsed.CounterValue}, "
                + $"eimId {parsed.EimId})");
            return;
        }
        if (item.State == "done")
        {
            // The same result again: listed a second time in this message (the v1.0 IPAd repeats it in BF2B { A2 }),
            // or a retry after a lost answer. Acknowledged again, recorded once.
            Record(function, item.Eid, true, _inThisMessage.Contains(item.Id)
                ? $"#{item.Id} result also listed in the notification list"
                : $"#{item.Id} result received again (already recorded: {item.Result})");
            if (parsed.SeqNumber is { } again) acks.Add(again);
            return;
        }
        var card = _store.FindCard(item.Eid)!;
        using var eim = NewEim(Eid.Parse(item.Eid), card);
        var info = eim.VerifyEuiccPackageResult(tlv.Raw, Request(item));
        var ok = info.Problems.Count == 0 && info.Kind == EuiccPackageResultKind.Signed;
        var text = $"#{item.Id} {item.Description}: " + Describe(info)
            + (info.SignatureValid == true ? "; euiccSignEPR verified with CERT.EUICC" : "")
            + (info.Problems.Count == 0 ? "" : "; " + string.Join("; ", info.Problems));
        item.State = "done";
        item.Result = text;
        _store.Update(item);
        _inThisMessage.Add(item.Id);
        Record(function, item.Eid, ok, text);
        if (parsed.SeqNumber is { } seq) acks.Add(seq);
    }

    private static string Describe(EuiccPackageResultInfo info) => info.Kind switch
    {
        EuiccPackageResultKind.Signed => $"seq {info.SeqNumber}, " + string.Join(", ", info.Results.Select(r => r.Kind switch
        {
            EuiccResultKind.ListProfileInfo => "listProfileInfo " + Convert.ToHexString(r.Raw.Span),
            _ => $"{r.Kind} result {r.Code}",
        })),
        EuiccPackageResultKind.SignedError => $"signed error euiccPackageErrorCode {info.ErrorCode}",
        _ => "unsigned error (eimSignature refused)" + (info.AssociationToken is { } t ? $", card's associationToken {t}" : ""),
    };

    // IpaEuiccDataResponse BF52 { A0 IpaEuiccData | 81 error }: the CHOICE's alternatives carry automatic tags [0] / [1]
    // (AUTOMATIC TAGS, no alternative tagged). CERT.EUICC and CERT.EUM are verified up to the CI, then kept with the
    // associationToken for verifying later results (SGP.32 §2.11.2.2).
    private void IpaEuiccData(Tlv tlv, string? eid, string function, List<long> acks)
    {
        var choice = SingleChild(tlv, -1, "IpaEuiccDataResponse");
        if (choice.Tag != 0xA0)
        {
            Record(function, eid, false, "ipaEuiccDataResponseError " + Convert.ToHexString(choice.Raw.Span));
            CompleteIpaData(eid, "error " + Convert.ToHexString(choice.Value.Span));
            return;
        }
        long? token = null;
        byte[]? eum = null, euicc = null;
        var seen = new List<string>();
        foreach (var f in Children(choice))
        {
            switch (f.Tag)
            {
                case 0x84:
                    token = Integer(f);
                    seen.Add($"associationToken {token}");
                    break;
                case 0xA5:
                    eum = TlvCodec.Encode(0x30, f.Value.Span);
                    break;
                case 0xA6:
                    euicc = TlvCodec.Encode(0x30, f.Value.Span);
                    break;
                case 0xA0 or 0xBF2B:
                    NotificationList(f, eid, function, acks);
                    break;
                default:
                    seen.Add($"{f.Tag:X2} ({f.Value.Length} bytes)");
                    break;
            }
        }
        if (euicc is not null && eum is not null)
        {
            var chain = CertificateVerifier.VerifyEuicc(euicc, eum, _ci);
            if (!chain.IsValid)
            {
                Record(function, eid, false, "IpaEuiccData: certificate chain: " + chain.Reason);
                return;
            }
            var certEid = chain.SubjectSerialNumber;
            if (eid is not null && !string.Equals(certEid, eid, StringComparison.OrdinalIgnoreCase))
            {
                Record(function, eid, false, $"IpaEuiccData: CERT.EUICC is for EID {certEid}");
                return;
            }
            eid = certEid;
            seen.Insert(0, "CERT.EUM and CERT.EUICC chain verified");
        }
        if (eid is null)
        {
            Record(function, null, false, "IpaEuiccData without EID or CERT.EUICC: cannot tell which card answered");
            return;
        }
        var card = _store.FindCard(eid.ToUpperInvariant());
        if (card is null)
        {
            Record(function, eid, false, "IpaEuiccData for a card this eIM does not know");
            return;
        }
        if (euicc is not null && eum is not null) card.EuiccCertificate = euicc;
        if (token is not null) card.AssociationToken = token;
        _store.Upsert(card);
        var text = "IpaEuiccData: " + string.Join(", ", seen);
        CompleteIpaData(card.Eid, text);
        Record(function, card.Eid, true, text);
    }

    private void CompleteIpaData(string? eid, string text)
    {
        if (eid is null) return;
        var item = _store.Items(eid.ToUpperInvariant()).FirstOrDefault(i => i.Kind == "ipaEuiccData" && i.State == "sent");
        if (item is null) return;
        item.State = "done";
        item.Result = text;
        _store.Update(item);
    }

    // SGP.32 §6.3.2.4 HandleNotificationEsipa: v1.2 BF3D { A0 { PendingNotification } | BF50 ProvideEimPackageResult };
    // v1.0 (automatic tags on untagged alternatives) BF3D { A0 { PendingNotification } | A1 ProvideEimPackageResult's CHOICE }.
    private byte[]? HandleNotification(Tlv message)
    {
        var choice = SingleChild(message, -1, "HandleNotificationEsipa");
        if (choice.Tag is 0xBF50 or 0xA1)
        {
            ProvideEimPackageResult(choice, "handleNotification");
            return null;
        }
        if (choice.Tag != 0xA0) throw new EsipaException($"HandleNotificationEsipa alternative {choice.Tag:X2}");
        var notification = SingleChild(choice, -1, "pendingNotification");
        Notification(notification, "handleNotification", []);
        return null;
    }

    // PendingNotification: BF37 ProfileInstallationResult | 30 OtherSignedNotification (SGP.22 §5.7.9).
    private void Notification(Tlv n, string function, List<long> acks)
    {
        switch (n.Tag)
        {
            case 0x30:
            {
                var parts = Children(n);
                if (parts.Count == 0) throw new EsipaException($"{function}: empty OtherSignedNotification");
                var (ok, text) = NotificationVerifier.VerifyOther(n, _ci);
                var seq = Children(parts[0]).FirstOrDefault(c => c.Tag == 0x80);
                if (ok && !seq.Raw.IsEmpty) acks.Add(Integer(seq));
                Record(function, null, ok, text);
                break;
            }
            case 0xBF37:
            {
                // ProfileInstallationResult: BF37 { BF27 data { ... BF2F notificationMetadata ... }, 5F37 }.
                var data = Children(n).FirstOrDefault(c => c.Tag == 0xBF27);
                var metadata = data.Raw.IsEmpty ? default : Children(data).FirstOrDefault(c => c.Tag == 0xBF2F);
                Record(function, null, !metadata.Raw.IsEmpty, metadata.Raw.IsEmpty
                    ? "ProfileInstallationResult without notificationMetadata"
                    : "ProfileInstallationResult " + NotificationVerifier.Describe(metadata)
                        + " (its signature is checked by the SM-DP+ that ran the session)");
                break;
            }
            default:
                throw new EsipaException($"{function}: {n.Tag:X2} is not a PendingNotification");
        }
    }

    // ProfileDownloadTriggerRequest BF54 { A0 { 80 activationCode }, 82 eimTransactionId } (SGP.32 §2.11.1.3): the
    // profileDownloadData CHOICE is untagged, so its [0] is explicit.
    private static EimQueueRecord DownloadTrigger(EimCardRecord card, string activationCode)
    {
        var tx = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var encoded = TlvCodec.Constructed(0xBF54,
            TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x80, System.Text.Encoding.UTF8.GetBytes(activationCode))),
            TlvCodec.Encode(0x82, tx));
        return new EimQueueRecord { Eid = card.Eid, Kind = "downloadTrigger", Description = "download " + activationCode, Encoded = encoded,
            TransactionId = tx };
    }

    // ProfileDownloadTriggerResult BF54 { 82 eimTransactionId?, BF37 ProfileInstallationResult | 30 { 80 reason?, 04 errorResponse? } }
    // (SGP.32 §2.11.2.3): euiccSignPIR is checked with CERT.EUICC when the eIM has it.
    private void DownloadTriggerResult(Tlv tlv, string? eid, string function)
    {
        var fields = Children(tlv);
        var tx = fields.FirstOrDefault(f => f.Tag == 0x82);
        var items = eid is null ? _store.AllItems() : _store.Items(eid);
        var item = items.LastOrDefault(i => i.Kind == "downloadTrigger" && i.State == "sent"
            && (tx.Raw.IsEmpty || (i.TransactionId is not null && tx.Value.Span.SequenceEqual(i.TransactionId))));
        var data = fields.FirstOrDefault(f => f.Tag is 0xBF37 or 0x30);
        string text;
        var ok = false;
        if (data.Tag == 0xBF37)
        {
            var parts = Children(data);
            var signed = parts.FirstOrDefault(p => p.Tag == 0xBF27);
            var signature = parts.FirstOrDefault(p => p.Tag == 0x5F37);
            if (signed.Raw.IsEmpty || signature.Raw.IsEmpty)
                throw new EsipaException($"{function}: ProfileInstallationResult is BF37 {{ BF27, 5F37 }}");
            var final = Children(signed).FirstOrDefault(c => c.Tag == 0xA2);
            var success = !final.Raw.IsEmpty && Children(final).FirstOrDefault().Tag == 0xA0;
            var metadata = Children(signed).FirstOrDefault(c => c.Tag == 0xBF2F);
            var card = item is null ? null : _store.FindCard(item.Eid);
            bool? valid = card?.EuiccCertificate is { } cert
                ? EcPublicKey.FromCertificate(cert).Verify(signed.Raw.Span, signature.Value.Span)
                : null;
            ok = success && valid != false;
            text = (success ? "profile installed" : "installation failed")
                + (metadata.Raw.IsEmpty ? "" : " (" + NotificationVerifier.Describe(metadata) + ")")
                + (valid switch
                {
                    true => "; euiccSignPIR verified with CERT.EUICC",
                    false => "; euiccSignPIR does not verify",
                    null => "; euiccSignPIR not checked: CERT.EUICC unknown"
                });
        }
        else if (data.Tag == 0x30)
        {
            text = "profileDownloadError " + Convert.ToHexString(data.Value.Span);
        }
        else
        {
            throw new EsipaException($"{function}: ProfileDownloadTriggerResult without result data");
        }
        if (item is null)
        {
            Record(function, eid, false, "profileDownloadTriggerResult for no trigger this eIM delivered: " + text);
            return;
        }
        item.State = "done";
        item.Result = text;
        _store.Update(item);
        Record(function, item.Eid, ok, $"#{item.Id} {item.Description}: {text}");
    }

    private EimQueueRecord IpaDataRequest(EimCardRecord card)
    {
        // tagList: associationToken 84, eumCertificate A5, euiccCertificate A6 (SGP.32 §2.11.1.2); v1.2 adds eimTransactionId 83.
        var tx = card.Sgp32Version == "1.2" ? System.Security.Cryptography.RandomNumberGenerator.GetBytes(16) : null;
        var encoded = TlvCodec.Constructed(0xBF52, TlvCodec.Encode(0x5C, [0x84, 0xA5, 0xA6]), tx is null ? [] : TlvCodec.Encode(0x83, tx));
        return new EimQueueRecord { Eid = card.Eid, Kind = "ipaEuiccData",
            Description = "ipa-data (associationToken, CERT.EUM, CERT.EUICC)", Encoded = encoded, TransactionId = tx };
    }

    private TestEim NewEim(Eid eid, EimCardRecord? card) => new(new TestEimOptions
    {
        EimId = _options.EimId,
        EimFqdn = _options.EimFqdn ?? _options.EimId,
        Eid = eid,
        InitialCounter = card?.LastCounter ?? 0,
        AssociationToken = card?.AssociationToken,
        SignAssociationToken = card is null || card.Sgp32Version != "1.0",
        EuiccCertificate = card?.EuiccCertificate,
    });

    private EuiccPackageRequest Request(EimQueueRecord item) => new()
    {
        Encoded = item.Encoded,
        EimId = _options.EimId,
        EidValue = Convert.FromHexString(item.Eid),
        CounterValue = item.CounterValue,
        TransactionId = item.TransactionId,
        SignedData = item.SignedData,
        SignatureInput = item.SignatureInput,
        Signature = item.Signature,
        AssociationTokenDo = item.AssociationTokenDo,
        ExpectedResults = [.. item.ExpectedResults.Select(k => k == 0 ? (EuiccResultKind?)null : (EuiccResultKind)k)],
    };

    private void Record(string function, string? eid, bool ok, string text)
    {
        var e = new EimEvent(function, eid, ok, text);
        _events.Add(e);
        if (_events.Count > 10_000) _events.RemoveRange(0, 5_000);
        _options.Log(e.ToString());
    }

    private static IReadOnlyList<Tlv> Children(Tlv tlv)
    {
        try
        {
            return tlv.Children();
        }
        catch (FormatException e)
        {
            throw new EsipaException($"{tlv.Tag:X2}: {e.Message}");
        }
    }

    private static Tlv SingleChild(Tlv tlv, int tag, string name)
    {
        var c = Children(tlv);
        if (c.Count != 1 || (tag >= 0 && c[0].Tag != tag)) throw new EsipaException($"{name} holds {c.Count} components");
        return c[0];
    }

    private static long Integer(Tlv tlv)
    {
        if (tlv.Value.Length is 0 or > 8) throw new EsipaException($"{tlv.Tag:X2}: INTEGER of {tlv.Value.Length} bytes");
        return (long)new BigInteger(tlv.Value.Span, isUnsigned: false, isBigEndian: true);
    }

    private static byte[] Int(int tag, long value)
    {
        var bytes = new BigInteger(value).ToByteArray(isUnsigned: false, isBigEndian: true);
        return TlvCodec.Encode(tag, bytes);
    }

    public void Dispose()
    {
        foreach (var client in _smdps.Values) client.Dispose();
        _store.Dispose();
    }
}

/// <summary>An ESipa body this eIM cannot parse: HTTP 400.</summary>
public class EsipaException(string message) : Exception(message);

/// <summary>An ESipa function this eIM does not provide: HTTP 501.</summary>
public sealed class EsipaNotSupportedException(string message) : EsipaException(message);
