using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Servers.Eim;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Lpa;
using EuiccEmulator.Servers.Smdp;

namespace EuiccEmulator.Servers.Ipa;

/// <summary>What one ESipa poll did.</summary>
public sealed record IpaPollResult(bool PackageReceived, string Text);

/// <summary>
/// The IPA side of ESipa (SGP.32 §3.4, v1.2 forms): polls the eIM with GetEimPackage, runs an eUICC Package through
/// ES10b.LoadEuiccPackage or answers an IpaEuiccDataRequest from the card, returns the result with
/// ProvideEimPackageResult and removes what the eIM acknowledged; delivers notifications with HandleNotification.
/// </summary>
/// <remarks>A ProfileDownloadTriggerRequest runs a direct download (SGP.22 §3.1.3) through <paramref name="smdpFor"/>.</remarks>
public sealed class IpaClient(Es10Client card, EsipaHttpClient eim, string eimId, Func<string, IEs9Plus>? smdpFor = null)
{
    private readonly List<string> _steps = [];

    public IReadOnlyList<string> Steps => _steps;

    /// <summary>One GetEimPackage and whatever package it brought.</summary>
    public async Task<IpaPollResult> PollOnceAsync(CancellationToken cancel = default)
    {
        if (!card.IsOpen) card.Open();
        // GetEUICCData (SGP.22 §5.7.20): BF3E { 5C 5A } -> BF3E { 5A eid }.
        var eidTlv = TlvCodec.ReadSingle(Es10([0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A], "GetEID")).Children()[0];
        var eidDo = eidTlv.Raw.ToArray();
        var answer = TlvCodec.ReadSingle(await eim.SendAsync(TlvCodec.Constructed(0xBF4F, eidDo), cancel).ConfigureAwait(false));
        if (answer.Tag != 0xBF4F) throw new FormatException($"GetEimPackageResponse is BF4F, got {answer.Tag:X2}");
        var package = TlvCodec.ReadSingle(answer.Value);
        _steps.Add($"getEimPackage: {package.Tag:X2}");
        switch (package.Tag)
        {
            case 0x02:
                return new IpaPollResult(false, "eimPackageError " + Convert.ToHexString(package.Value.Span));
            case 0xBF51:
            {
                var result = Es10(package.Raw.ToArray(), "LoadEuiccPackage");
                var acks = await ProvideAsync(TlvCodec.Constructed(0xBF50, eidDo, result), cancel).ConfigureAwait(false);
                return new IpaPollResult(true, $"eUICC Package run, result of {result.Length} bytes delivered, {acks} acknowledged");
            }
            case 0xBF52:
            {
                var data = IpaEuiccData(package);
                var acks = await ProvideAsync(TlvCodec.Constructed(0xBF50, eidDo, data), cancel).ConfigureAwait(false);
                return new IpaPollResult(true, $"IpaEuiccData of {data.Length} bytes delivered, {acks} acknowledged");
            }
            case 0xBF54 when smdpFor is not null:
            {
                var result = await DownloadAsync(package, cancel).ConfigureAwait(false);
                await ProvideAsync(TlvCodec.Constructed(0xBF50, eidDo, result), cancel).ConfigureAwait(false);
                return new IpaPollResult(true, $"profile download trigger run, result of {result.Length} bytes delivered");
            }
            default:
                return new IpaPollResult(true, $"package {package.Tag:X2} not handled by this IPA");
        }
    }

    /// <summary>Sends every pending notification to the eIM (HandleNotificationEsipa), then removes it from the card.</summary>
    public async Task<int> SendNotificationsAsync(CancellationToken cancel = default)
    {
        if (!card.IsOpen) card.Open();
        var list = TlvCodec.ReadSingle(Es10([0xBF, 0x2B, 0x00], "RetrieveNotificationsList")).Children();
        if (list.Count == 0 || list[0].Tag != 0xA0) return 0;
        var sent = 0;
        foreach (var notification in list[0].Children())
        {
            var metadata = NotificationVerifier.Metadata(notification);
            var seq = metadata.Children().First(c => c.Tag == 0x80);
            // v1.2 §6.3.2.4: pendingNotification [0] (explicit: the PendingNotification CHOICE is untagged).
            await eim.SendAsync(TlvCodec.Constructed(0xBF3D, TlvCodec.Constructed(0xA0, notification.Raw.ToArray())), cancel)
                .ConfigureAwait(false);
            _steps.Add("handleNotification " + NotificationVerifier.Describe(metadata));
            Es10(TlvCodec.Constructed(0xBF30, TlvCodec.Encode(0x80, seq.Value.Span)), "RemoveNotificationFromList");
            sent++;
        }
        return sent;
    }

    // ProvideEimPackageResult -> BF50 { BF53 { 80 seq... } }: each acknowledged seqNumber is removed from the card.
    private async Task<int> ProvideAsync(byte[] message, CancellationToken cancel)
    {
        var answer = TlvCodec.ReadSingle(await eim.SendAsync(message, cancel).ConfigureAwait(false));
        if (answer.Tag != 0xBF50) throw new FormatException($"ProvideEimPackageResultResponse is BF50, got {answer.Tag:X2}");
        var choice = answer.Children();
        if (choice.Count != 1 || choice[0].Tag != 0xBF53) return 0;
        var acks = choice[0].Children();
        foreach (var seq in acks) Es10(TlvCodec.Constructed(0xBF30, TlvCodec.Encode(0x80, seq.Value.Span)), "RemoveNotificationFromList");
        return acks.Count;
    }

    // ProfileDownloadTriggerRequest BF54 { A0 { 80 activationCode }, 82 tx } -> ProfileDownloadTriggerResult
    // BF54 { 82 tx, BF37 ProfileInstallationResult | 30 { 80 undefinedError 127 } } (SGP.32 §2.11.1.3, §2.11.2.3).
    private async Task<byte[]> DownloadAsync(Tlv trigger, CancellationToken cancel)
    {
        var fields = trigger.Children();
        var tx = fields.FirstOrDefault(f => f.Tag == 0x82);
        var txDo = tx.Raw.IsEmpty ? [] : tx.Raw.ToArray();
        var data = fields.FirstOrDefault(f => f.Tag == 0xA0);
        var code = data.Raw.IsEmpty ? default : data.Children().FirstOrDefault(c => c.Tag == 0x80);
        if (code.Raw.IsEmpty || !ActivationCode.TryParse(System.Text.Encoding.UTF8.GetString(code.Value.Span), out var activation))
            return TlvCodec.Constructed(0xBF54, txDo, TlvCodec.Constructed(0x30, [0x80, 0x01, 0x7F]));
        var outcome = await new LpaClient(card, smdpFor!).DownloadAsync(activation, cancel).ConfigureAwait(false);
        _steps.AddRange(outcome.Steps);
        return outcome.ProfileInstallationResult is { } pir
            ? TlvCodec.Constructed(0xBF54, txDo, pir)
            : TlvCodec.Constructed(0xBF54, txDo, TlvCodec.Constructed(0x30, [0x80, 0x01, 0x7F]));
    }

    // IpaEuiccData (SGP.32 v1.2 §2.11.2.2) with the requested associationToken 84, eumCertificate A5, euiccCertificate A6.
    private byte[] IpaEuiccData(Tlv request)
    {
        var fields = request.Children();
        var tagList = fields.FirstOrDefault(f => f.Tag == 0x5C).Value.ToArray();
        var tx = fields.FirstOrDefault(f => f.Tag == 0x83);
        var parts = new List<byte[]>();
        if (tagList.Contains((byte)0x84))
        {
            var token =
                TestEim.ParseGetEimConfigurationDataResponse(Es10(TestEim.BuildGetEimConfigurationDataRequest(), "GetEimConfigurationData"))
                .FirstOrDefault(e => e.EimId == eimId)?.AssociationToken;
            if (token is { } t)
                parts.Add(TlvCodec.Encode(0x84, new System.Numerics.BigInteger(t).ToByteArray(isUnsigned: false, isBigEndian: true)));
        }
        if (tagList.Contains((byte)0xA5) || tagList.Contains((byte)0xA6))
        {
            var certs = TlvCodec.ReadSingle(Es10(TestEim.BuildGetCertsRequest(null), "GetCerts")).Children()[0].Children();
            if (tagList.Contains((byte)0xA5)) parts.Add(certs[0].Raw.ToArray());
            if (tagList.Contains((byte)0xA6)) parts.Add(certs[1].Raw.ToArray());
        }
        if (!tx.Raw.IsEmpty) parts.Add(TlvCodec.Encode(0x87, tx.Value.Span));
        // IpaEuiccDataResponse CHOICE under AUTOMATIC TAGS: ipaEuiccData is [0].
        return TlvCodec.Constructed(0xBF52, TlvCodec.Constructed(0xA0, parts));
    }

    private byte[] Es10(byte[] request, string name)
    {
        var response = card.Send(request);
        _steps.Add($"{name}: {response.Data.Length} bytes, SW {response.StatusWord:X4}");
        if (!response.IsSuccess) throw new InvalidOperationException($"{name} answered {response.StatusWord:X4}");
        return response.Data;
    }
}
