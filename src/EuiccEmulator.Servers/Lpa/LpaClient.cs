using System.Text;
using EuiccEmulator.Peers;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Smdp;

namespace EuiccEmulator.Servers.Lpa;

/// <summary>An activation code LPA:1$SMDP$MATCHINGID (SGP.22 §4.1).</summary>
public sealed record ActivationCode(string SmdpAddress, string MatchingId)
{
    public static bool TryParse(string text, out ActivationCode code)
    {
        code = null!;
        ArgumentNullException.ThrowIfNull(text);
        var body = text.StartsWith("LPA:", StringComparison.Ordinal) ? text[4..] : text;
        var parts = body.Split('$');
        if (parts.Length < 3 || parts[0] != "1" || parts[1].Length == 0) return false;
        code = new ActivationCode(parts[1], parts[2]);
        return true;
    }

    public override string ToString() => $"LPA:1${SmdpAddress}${MatchingId}";
}

/// <summary>Outcome of an LPA download and notification run.</summary>
public sealed record LpaResult(bool Success, string Text, byte[]? ProfileInstallationResult, IReadOnlyList<string> Steps);

/// <summary>
/// The LPA side of a download (SGP.22 §3.1.3): ES10b to the card through <see cref="Es10Client"/>, ES9+ to the
/// SM-DP+ through any <see cref="IEs9Plus"/> (HTTP JSON, or the eIM relay).
/// </summary>
public sealed class LpaClient(Es10Client card, Func<string, IEs9Plus> smdpFor)
{
    private readonly List<string> _steps = [];

    public async Task<LpaResult> DownloadAsync(ActivationCode code, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        _steps.Clear();
        if (!card.IsOpen) card.Open();
        var smdp = smdpFor(code.SmdpAddress);
        var info1 = Es10([0xBF, 0x20, 0x00], "GetEUICCInfo1");
        var challengeTlv = TlvCodec.ReadSingle(Es10([0xBF, 0x2E, 0x00], "GetEUICCChallenge")).Children()[0];
        var init = await smdp.InitiateAuthenticationAsync(challengeTlv.Value.ToArray(), info1, code.SmdpAddress, cancel)
            .ConfigureAwait(false);
        Step("initiateAuthentication", init.Status);
        if (init.Value is not { } i) return Fail("initiateAuthentication " + init.Status);

        // ctxParams1: ctxParamsForCommonAuthentication [0] { matchingId [0], deviceInfo [1] }.
        var device = DeviceInfo.Default;
        var ctx = TlvCodec.Constructed(0xA0,
            TlvCodec.Encode(0x80, Encoding.UTF8.GetBytes(code.MatchingId)),
            TlvCodec.Constructed(0xA1, TlvCodec.Encode(0x80, device.Tac), TlvCodec.Encode(0xA1, device.DeviceCapabilities)));
        var bf38 = Es10(TlvCodec.Constructed(0xBF38, i.ServerSigned1, i.ServerSignature1, i.EuiccCiPkIdToBeUsed, i.ServerCertificate, ctx),
            "AuthenticateServer");
        var auth = await smdp.AuthenticateClientAsync(i.TransactionId, bf38, cancel).ConfigureAwait(false);
        Step("authenticateClient", auth.Status);
        if (auth.Value is not { } a)
            return await Cancel(smdp, i.TransactionId, "authenticateClient " + auth.Status, cancel).ConfigureAwait(false);

        var bf21 = Es10(TlvCodec.Constructed(0xBF21, a.SmdpSigned2, a.SmdpSignature2, a.HashCc is null ? [] : a.HashCc, a.SmdpCertificate),
            "PrepareDownload");
        var bpp = await smdp.GetBoundProfilePackageAsync(i.TransactionId, bf21, cancel).ConfigureAwait(false);
        Step("getBoundProfilePackage", bpp.Status);
        if (bpp.Value is not { } b)
            return await Cancel(smdp, i.TransactionId, "getBoundProfilePackage " + bpp.Status, cancel).ConfigureAwait(false);

        byte[]? pir = null;
        foreach (var segment in BppSegmenter.Split(b.BoundProfilePackage))
        {
            var response = card.SendSegment(segment);
            if (!response.IsSuccess) return Fail($"LoadBoundProfilePackage answered {response.StatusWord:X4}");
            if (response.Data.Length > 0)
            {
                pir = response.Data;
                break;
            }
        }
        if (pir is null) return Fail("no ProfileInstallationResult from the card");
        _steps.Add($"LoadBoundProfilePackage: ProfileInstallationResult of {pir.Length} bytes");
        var sent = await SendNotificationsAsync(cancel).ConfigureAwait(false);
        var ok = IsSuccessResult(pir);
        return new LpaResult(ok, (ok ? "installed" : "installation failed") + $"; {sent} notification(s) delivered", pir, [.. _steps]);
    }

    /// <summary>Sends every pending notification to its address, then removes it from the card (SGP.22 §3.5).</summary>
    public async Task<int> SendNotificationsAsync(CancellationToken cancel = default)
    {
        if (!card.IsOpen) card.Open();
        var list = TlvCodec.ReadSingle(Es10([0xBF, 0x2B, 0x00], "RetrieveNotificationsList")).Children();
        if (list.Count == 0 || list[0].Tag != 0xA0) return 0;
        var sent = 0;
        foreach (var notification in list[0].Children())
        {
            var metadata = NotificationVerifier.Metadata(notification);
            var address = NotificationVerifier.Address(metadata);
            var seq = metadata.Children().First(c => c.Tag == 0x80);
            if (address is null) continue;
            var status = await smdpFor(address).HandleNotificationAsync(notification.Raw.ToArray(), cancel).ConfigureAwait(false);
            Step("handleNotification " + NotificationVerifier.Describe(metadata), status);
            if (!status.IsSuccess) continue;
            Es10(TlvCodec.Constructed(0xBF30, TlvCodec.Encode(0x80, seq.Value.Span)), "RemoveNotificationFromList");
            sent++;
        }
        return sent;
    }

    private async Task<LpaResult> Cancel(IEs9Plus smdp, string transactionId, string why, CancellationToken cancel)
    {
        // CancelSession [65] { transactionId [0], reason [1] undefinedReason 127 }.
        var tx = Convert.FromHexString(transactionId);
        var response = Es10(TlvCodec.Constructed(0xBF41, TlvCodec.Encode(0x80, tx), TlvCodec.Encode(0x81, [0x7F])), "CancelSession");
        var status = await smdp.CancelSessionAsync(transactionId, response, cancel).ConfigureAwait(false);
        Step("cancelSession", status);
        return Fail(why);
    }

    private byte[] Es10(byte[] request, string name)
    {
        var response = card.Send(request);
        _steps.Add($"{name}: {response.Data.Length} bytes, SW {response.StatusWord:X4}");
        if (!response.IsSuccess) throw new InvalidOperationException($"{name} answered {response.StatusWord:X4}");
        return response.Data;
    }

    private void Step(string name, Es9Status status) => _steps.Add($"{name}: {status}");

    private LpaResult Fail(string why) => new(false, why, null, [.. _steps]);

    private static bool IsSuccessResult(byte[] pir)
    {
        var data = TlvCodec.ReadSingle(pir).Children()[0].Children();
        return data.Count == 4 && TlvCodec.ReadSingle(data[3].Value).Tag == 0xA0;
    }
}

/// <summary>Cuts a BF36 into the LPA's ES10b.LoadBoundProfilePackage calls (SGP.22 §2.5.5).</summary>
public static class BppSegmenter
{
    /// <exception cref="FormatException">Not a BF36.</exception>
    public static IReadOnlyList<byte[]> Split(byte[] bf36)
    {
        var outer = TlvCodec.ReadSingle(bf36);
        if (outer.Tag != 0xBF36) throw new FormatException($"BoundProfilePackage is BF36, got {outer.Tag:X2}");
        var parts = outer.Children();
        if (parts.Count < 3 || parts[0].Tag != 0xBF23) throw new FormatException("BF36 does not start with BF23");
        var header = bf36.AsSpan(0, bf36.Length - outer.Value.Length).ToArray();
        var segments = new List<byte[]>();
        segments.Add([.. header, .. parts[0].Raw.Span]);
        foreach (var part in parts.Skip(1))
        {
            switch (part.Tag)
            {
                case 0xA0 or 0xA2:
                    segments.Add(part.Raw.ToArray());
                    break;
                case 0xA1 or 0xA3:
                    segments.Add(part.Raw[..(part.Raw.Length - part.Value.Length)].ToArray());
                    segments.AddRange(part.Children().Select(c => c.Raw.ToArray()));
                    break;
                default:
                    throw new FormatException($"unexpected {part.Tag:X2} in BF36");
            }
        }
        return segments;
    }
}
