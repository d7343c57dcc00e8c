using EuiccEmulator.Peers;
using EuiccEmulator.Servers.Eim;
using EuiccEmulator.Servers.Es9;

namespace EuiccEmulator.Servers.Ipa;

/// <summary>
/// ES9+ for the IPA's download through the eIM (indirect profile download, SGP.32 §3.2.3): each function is sent as
/// its ESipa message (§6.3.2.1-3, §6.3.2.5) and the answer turned back into an ES9+ result. An ESipa error code comes
/// back as status <c>ESipa/CODE</c>.
/// </summary>
public sealed class EsipaEs9Relay(EsipaHttpClient eim) : IEs9Plus
{
    public async Task<Es9Result<InitiateAuthenticationOk>> InitiateAuthenticationAsync(
        byte[] euiccChallenge, byte[]? euiccInfo1, string smdpAddress, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(smdpAddress);
        var request = TlvCodec.Constructed(0xBF39, TlvCodec.Encode(0x81, euiccChallenge),
            TlvCodec.Encode(0x83, System.Text.Encoding.UTF8.GetBytes(smdpAddress)), euiccInfo1 ?? []);
        var (ok, parts) = await SendAsync(request, 0xBF39, cancel).ConfigureAwait(false);
        if (ok is not null) return ok;
        // A0 { 80 transactionId, 30 serverSigned1, 5F37 serverSignature1, 04 euiccCiPKIdToBeUsed, 30 serverCertificate }
        return new Es9Result<InitiateAuthenticationOk>(new InitiateAuthenticationOk(Convert.ToHexString(parts[0].Value.Span),
            parts[1].Raw.ToArray(), parts[2].Raw.ToArray(), parts[3].Raw.ToArray(), parts[4].Raw.ToArray()), Es9Status.Success);
    }

    public async Task<Es9Result<AuthenticateClientOk>> AuthenticateClientAsync(
        string transactionId, byte[] authenticateServerResponse, CancellationToken cancel = default)
    {
        var request = TlvCodec.Constructed(0xBF3B, TlvCodec.Encode(0x80, Convert.FromHexString(transactionId)), authenticateServerResponse);
        var (ok, parts) = await SendAsync(request, 0xBF3B, cancel).ConfigureAwait(false);
        if (ok is not null) return ok;
        // A0 { 80 transactionId, BF25 profileMetaData, 30 smdpSigned2, 5F37 smdpSignature2, 30 smdpCertificate, 04 hashCc? }
        return new Es9Result<AuthenticateClientOk>(new AuthenticateClientOk(transactionId, parts[1].Raw.ToArray(), parts[2].Raw.ToArray(),
            parts[3].Raw.ToArray(), parts[4].Raw.ToArray(), parts.Count > 5 ? parts[5].Raw.ToArray() : null), Es9Status.Success);
    }

    public async Task<Es9Result<BoundProfilePackageOk>> GetBoundProfilePackageAsync(
        string transactionId, byte[] prepareDownloadResponse, CancellationToken cancel = default)
    {
        var request = TlvCodec.Constructed(0xBF3A, TlvCodec.Encode(0x80, Convert.FromHexString(transactionId)), prepareDownloadResponse);
        var (ok, parts) = await SendAsync(request, 0xBF3A, cancel).ConfigureAwait(false);
        if (ok is not null) return ok;
        return new Es9Result<BoundProfilePackageOk>(new BoundProfilePackageOk(transactionId, parts[1].Raw.ToArray()), Es9Status.Success);
    }

    /// <summary>HandleNotificationEsipa BF3D { A0 { notification } }: the eIM passes a relayed session's result to the SM-DP+.</summary>
    public async Task<Es9Status> HandleNotificationAsync(byte[] pendingNotification, CancellationToken cancel = default)
    {
        await eim.SendAsync(TlvCodec.Constructed(0xBF3D, TlvCodec.Constructed(0xA0, pendingNotification)), cancel).ConfigureAwait(false);
        return Es9Status.Success;
    }

    public async Task<Es9Status> CancelSessionAsync(string transactionId, byte[] cancelSessionResponse, CancellationToken cancel = default)
    {
        // Both components untagged: automatic [0] transactionId, [1] cancelSessionResponse (a CHOICE, so explicit).
        var request = TlvCodec.Constructed(0xBF41, TlvCodec.Encode(0x80, Convert.FromHexString(transactionId)),
            TlvCodec.Constructed(0xA1, cancelSessionResponse));
        var (ok, _) = await SendAsync(request, 0xBF41, cancel).ConfigureAwait(false);
        return ok?.Status ?? Es9Status.Success;
    }

    // The response CHOICE: A0 ok { ... } or an error INTEGER (81 / 82).
    private async Task<(FailedResult? Failed, IReadOnlyList<Tlv> Parts)> SendAsync(byte[] request, int tag, CancellationToken cancel)
    {
        var answer = TlvCodec.ReadSingle(await eim.SendAsync(request, cancel).ConfigureAwait(false));
        if (answer.Tag != tag) throw new FormatException($"ESipa answer {answer.Tag:X2}, expected {tag:X4}");
        var choice = TlvCodec.ReadSingle(answer.Value);
        if (choice.Tag == 0xA0) return (null, choice.Children());
        var code = choice.Value.Length == 1 ? choice.Value.Span[0] : -1;
        return (new FailedResult(Es9Status.Failed(
            "ESipa", code.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{tag:X4} error {code}")), []);
    }

    /// <summary>An ESipa error, convertible to any ES9+ result.</summary>
    private sealed record FailedResult(Es9Status Status)
    {
        public static implicit operator Es9Result<InitiateAuthenticationOk>(FailedResult f) => f.Status;

        public static implicit operator Es9Result<AuthenticateClientOk>(FailedResult f) => f.Status;

        public static implicit operator Es9Result<BoundProfilePackageOk>(FailedResult f) => f.Status;
    }
}
