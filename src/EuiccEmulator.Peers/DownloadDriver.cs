using System.Diagnostics;

namespace EuiccEmulator.Peers;

/// <summary>What to download and how.</summary>
public sealed record DownloadRequest
{
    /// <summary>The unprotected profile package (SAIP DER).</summary>
    public required byte[] Upp { get; init; }

    public required ProfileMetadata Metadata { get; init; }

    public string? MatchingId { get; init; }

    public string? ConfirmationCode { get; init; }

    public DeviceInfo? DeviceInfo { get; init; }

    /// <summary>Protect the profile data with PPKs (ReplaceSessionKeys).</summary>
    public bool WithPpk { get; init; }

    /// <summary>dpProprietaryData.dpOid of ConfigureISDP.</summary>
    public string? DpOid { get; init; }

    /// <summary>Faults for this download; null: the SM-DP+'s options.</summary>
    public SmdpFaults? Faults { get; init; }
}

/// <summary>Steps of the download flow.</summary>
public enum DownloadStepKind
{
    GetEuiccInfo1,
    GetEuiccChallenge,
    AuthenticateServer,
    PrepareDownload,
    LoadBoundProfilePackage,
}

/// <summary>One ES10 exchange of the download, decoded for printing.</summary>
public sealed record DownloadStep(
    DownloadStepKind Kind, string Summary, byte[] Request, byte[] Response, ushort StatusWord, TimeSpan Elapsed)
{
    /// <summary>For BPP segments: which part was sent.</summary>
    public BppSegmentKind? Segment { get; init; }

    public override string ToString() =>
        $"{Kind}{(Segment is { } s ? "/" + s : "")}: {Summary} ({Request.Length} -> {Response.Length} bytes, SW {StatusWord:X4}, "
            + $"{Elapsed.TotalMilliseconds:F1} ms)";
}

/// <summary>Outcome of a whole download.</summary>
public sealed record DownloadResult
{
    public required bool Success { get; init; }

    /// <summary>The step that failed (null on success).</summary>
    public DownloadStepKind? FailedStep { get; init; }

    /// <summary>The card's error code at the failed step (AuthenticateErrorCode, DownloadErrorCode or PIR errorReason).</summary>
    public int? ErrorCode { get; init; }

    /// <summary>PIR errorResult.bppCommandId.</summary>
    public int? BppCommandId { get; init; }

    /// <summary>A status word other than 9000 that stopped the flow.</summary>
    public ushort? StatusWord { get; init; }

    /// <summary>One line on what went wrong.</summary>
    public string? Problem { get; init; }

    public byte[]? IsdpAid { get; init; }

    /// <summary>The verified ProfileInstallationResult (BF37) as received.</summary>
    public byte[]? ProfileInstallationResult { get; init; }

    public InstallationResult? Installation { get; init; }

    public BoundProfilePackage? Package { get; init; }

    public required IReadOnlyList<DownloadStep> Steps { get; init; }

    public TimeSpan Elapsed { get; init; }
}

/// <summary>
/// Runs a complete profile download against a card: the LPA role over <see cref="Es10Client"/>, the SM-DP+ role
/// by <see cref="TestSmdp"/>.
/// </summary>
// SGP.22 §3.1.3 (profile download and installation), ES10b calls as in §5.7.
public sealed class DownloadDriver
{
    private readonly Es10Client _client;
    private readonly TestSmdp _smdp;

    public DownloadDriver(Es10Client client, TestSmdp smdp)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(smdp);
        _client = client;
        _smdp = smdp;
    }

    public DownloadResult Run(DownloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var steps = new List<DownloadStep>();
        var total = Stopwatch.StartNew();
        DownloadResult Fail(DownloadStepKind step, string problem, int? code = null, ushort? sw = null, int? bppCommandId = null,
            BoundProfilePackage? package = null, InstallationResult? installation = null) => new()
            {
                Success = false,
                FailedStep = step,
                Problem = problem,
                ErrorCode = code,
                StatusWord = sw,
                BppCommandId = bppCommandId,
                Package = package,
                Installation = installation,
                ProfileInstallationResult = installation?.Raw,
                Steps = steps,
                Elapsed = total.Elapsed,
            };

        if (!_client.IsOpen) _client.Open();

        // SGP.22 §5.7.8 GetEUICCInfo1
        var info1 = Exchange(DownloadStepKind.GetEuiccInfo1, [0xBF, 0x20, 0x00], steps, r => SummarizeInfo1(r));
        if (!info1.IsSuccess) return Fail(DownloadStepKind.GetEuiccInfo1, "GetEUICCInfo1 failed", sw: info1.StatusWord);

        // SGP.22 §5.7.7 GetEUICCChallenge
        var challengeResponse = Exchange(DownloadStepKind.GetEuiccChallenge, [0xBF, 0x2E, 0x00], steps, r =>
            "challenge " + Convert.ToHexString(r.Length == 21 ? r.AsSpan(5) : r));
        if (!challengeResponse.IsSuccess)
            return Fail(DownloadStepKind.GetEuiccChallenge, "GetEUICCChallenge failed", sw: challengeResponse.StatusWord);
        byte[] challenge;
        try
        {
            var outer = TlvCodec.ReadSingle(challengeResponse.Data);
            var inner = TlvCodec.ReadSingle(outer.Value);
            if (outer.Tag != 0xBF2E || inner.Tag != 0x80 || inner.Value.Length != 16) throw new FormatException("not BF2E {80 16 bytes}");
            challenge = inner.Value.ToArray();
        }
        catch (FormatException e)
        {
            return Fail(DownloadStepKind.GetEuiccChallenge, "GetEUICCChallenge response: " + e.Message);
        }

        // SGP.22 §5.7.13 AuthenticateServer
        var bf38 = _smdp.BuildAuthenticateServerRequest(challenge, request.MatchingId, request.DeviceInfo, request.Faults);
        AuthenticateServerResult? auth = null;
        var authResponse = Exchange(DownloadStepKind.AuthenticateServer, bf38, steps, r =>
        {
            auth = _smdp.VerifyAuthenticateServerResponse(r);
            return auth.Outcome switch
            {
                PeerOutcome.Ok => $"ok, EID {auth.Eid}",
                PeerOutcome.CardError => $"error {auth.ErrorCode}",
                _ => "rejected: " + auth.Problem,
            };
        });
        if (!authResponse.IsSuccess)
            return Fail(DownloadStepKind.AuthenticateServer, "AuthenticateServer failed", sw: authResponse.StatusWord);
        if (auth is not { IsOk: true }) return Fail(DownloadStepKind.AuthenticateServer, auth?.Problem ?? "card error", auth?.ErrorCode);

        // SGP.22 §5.7.5 PrepareDownload
        var bf21 = _smdp.BuildPrepareDownloadRequest(request.ConfirmationCode, faults: request.Faults);
        PrepareDownloadResult? prepare = null;
        var prepareResponse = Exchange(DownloadStepKind.PrepareDownload, bf21, steps, r =>
        {
            prepare = _smdp.VerifyPrepareDownloadResponse(r);
            return prepare.Outcome switch
            {
                PeerOutcome.Ok => "ok, otPK.EUICC " + Convert.ToHexString(prepare.EuiccOtpk!)[..16] + "...",
                PeerOutcome.CardError => $"error {prepare.ErrorCode}",
                _ => "rejected: " + prepare.Problem,
            };
        });
        if (!prepareResponse.IsSuccess)
            return Fail(DownloadStepKind.PrepareDownload, "PrepareDownload failed", sw: prepareResponse.StatusWord);
        if (prepare is not { IsOk: true })
            return Fail(DownloadStepKind.PrepareDownload, prepare?.Problem ?? "card error", prepare?.ErrorCode);

        // SGP.22 §5.7.6 LoadBoundProfilePackage, one segment per call (§2.5.5)
        var package = _smdp.BuildBoundProfilePackage(request.Upp, request.Metadata, request.WithPpk, request.Faults, request.DpOid);
        for (var i = 0; i < package.Segments.Count; i++)
        {
            var kind = package.SegmentKinds[i];
            var watch = Stopwatch.StartNew();
            var response = _client.SendSegment(package.Segments[i]);
            watch.Stop();
            InstallationResult? pir = null;
            var summary = response.Data.Length == 0 ? "accepted" : "";
            if (response.Data.Length > 0)
            {
                pir = _smdp.VerifyProfileInstallationResult(response.Data);
                summary = pir.Outcome switch
                {
                    PeerOutcome.Ok => "installed, ISD-P " + Convert.ToHexString(pir.IsdpAid!),
                    PeerOutcome.CardError => $"error: bppCommandId {pir.BppCommandId}, errorReason {pir.ErrorReason}",
                    _ => "rejected: " + pir.Problem,
                };
            }
            steps.Add(new DownloadStep(DownloadStepKind.LoadBoundProfilePackage, summary, package.Segments[i], response.Data,
                response.StatusWord, watch.Elapsed) { Segment = kind });
            if (!response.IsSuccess)
            {
                return Fail(DownloadStepKind.LoadBoundProfilePackage, $"segment {i} ({kind}) answered {response.StatusWord:X4}",
                    sw: response.StatusWord, package: package);
            }
            if (pir is null)
            {
                if (i == package.Segments.Count - 1)
                {
                    return Fail(DownloadStepKind.LoadBoundProfilePackage, "no ProfileInstallationResult after the last segment",
                        package: package);
                }
                continue;
            }
            if (pir.Outcome == PeerOutcome.Rejected)
            {
                return Fail(DownloadStepKind.LoadBoundProfilePackage, "ProfileInstallationResult: " + pir.Problem, package: package,
                    installation: pir);
            }
            if (pir.Outcome == PeerOutcome.CardError)
            {
                return Fail(DownloadStepKind.LoadBoundProfilePackage, $"installation failed at segment {i} ({kind})", pir.ErrorReason,
                    bppCommandId: pir.BppCommandId, package: package, installation: pir);
            }

            if (i != package.Segments.Count - 1)
            {
                return Fail(DownloadStepKind.LoadBoundProfilePackage, $"success result before the last segment (at {i})", package: package,
                    installation: pir);
            }
            return new DownloadResult
            {
                Success = true,
                IsdpAid = pir.IsdpAid,
                ProfileInstallationResult = pir.Raw,
                Installation = pir,
                Package = package,
                Steps = steps,
                Elapsed = total.Elapsed,
            };
        }
        return Fail(DownloadStepKind.LoadBoundProfilePackage, "empty segment list", package: package);
    }

    private Es10Response Exchange(DownloadStepKind kind, byte[] request, List<DownloadStep> steps, Func<byte[], string> summarize)
    {
        var watch = Stopwatch.StartNew();
        var response = _client.Send(request);
        watch.Stop();
        var summary = response.IsSuccess ? summarize(response.Data) : $"status {response.StatusWord:X4}";
        steps.Add(new DownloadStep(kind, summary, request, response.Data, response.StatusWord, watch.Elapsed));
        return response;
    }

    private static string SummarizeInfo1(byte[] response)
    {
        try
        {
            var parts = TlvCodec.ReadSingle(response).Children();
            static string Skis(Tlv? list) =>
                list is { } l ? string.Join(",", l.Children().Select(s => Convert.ToHexString(s.Value.Span)[..8])) : "-";
            Tlv? Part(int tag) => parts.FirstOrDefault(p => p.Tag == tag) is { Raw.Length: > 0 } p ? p : null;
            var svn = Part(0x82) is { } s ? string.Join(".", s.Value.ToArray()) : "?";
            return $"SVN {svn}, verification CIs {Skis(Part(0xA9))}, signing CIs {Skis(Part(0xAA))}";
        }
        catch (FormatException e)
        {
            return "undecodable: " + e.Message;
        }
    }
}
