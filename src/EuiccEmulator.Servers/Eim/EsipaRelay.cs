using System.Collections.Concurrent;
using EuiccEmulator.Peers;
using EuiccEmulator.Servers.Es9;

namespace EuiccEmulator.Servers.Eim;

/// <summary>
/// The eIM's relay of the indirect profile download (SGP.32 §3.2.3, ESipa §6.3.2.1-3 and §6.3.2.5): ESipa
/// InitiateAuthentication, AuthenticateClient, GetBoundProfilePackage and CancelSession are passed to the SM-DP+ over
/// ES9+ and its answers returned in the ESipa forms. Sessions are kept by transaction ID (at most 256).
/// </summary>
// Under AUTOMATIC TAGS the untagged CHOICE alternatives of the ESipa responses get [0], [1], [2]: ok A0, error 81 / 82.
internal sealed class EsipaRelay(Func<string, IEs9Plus> smdpFor, Action<string, bool, string> record)
{
    private readonly ConcurrentDictionary<string, IEs9Plus> _sessions = new(StringComparer.Ordinal);

    public static bool Handles(int tag) => tag is 0xBF39 or 0xBF3B or 0xBF3A or 0xBF41;

    public async Task<byte[]> HandleAsync(Tlv message, CancellationToken cancel)
    {
        try
        {
            return await RelayAsync(message, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancel.IsCancellationRequested))
        {
            // The SM-DP+ did not answer: undefinedError, in the message's own error alternative.
            var (function, errorTag) = message.Tag switch
            {
                0xBF39 => ("initiateAuthentication", 0x81),
                0xBF3B => ("authenticateClient", 0x82),
                0xBF3A => ("getBoundProfilePackage", 0x81),
                _ => ("cancelSession", 0x81),
            };
            return Error(message.Tag, errorTag, 127, function, "SM-DP+ unreachable: " + e.Message);
        }
    }

    private async Task<byte[]> RelayAsync(Tlv message, CancellationToken cancel)
    {
        var fields = message.Children();
        Tlv? Field(int tag) => fields.FirstOrDefault(f => f.Tag == tag) is { Raw.IsEmpty: false } f ? f : null;
        switch (message.Tag)
        {
            case 0xBF39:
            {
                // BF39 { 81 euiccChallenge, 83 smdpAddress?, BF20 euiccInfo1?, 82 eimTransactionId? }
                var challenge = Field(0x81) ?? throw new EsipaException("InitiateAuthenticationRequestEsipa without euiccChallenge");
                if (Field(0x83) is not { } addressTlv)
                {
                    return Error(0xBF39, 0x81, 1, "initiateAuthentication",
                        "no smdpAddress (this eIM knows no default SM-DP+): invalidDpAddress");
                }
                var address = System.Text.Encoding.UTF8.GetString(addressTlv.Value.Span);
                var smdp = smdpFor(address);
                var r = await smdp.InitiateAuthenticationAsync(challenge.Value.ToArray(), Field(0xBF20)?.Raw.ToArray(), address, cancel)
                    .ConfigureAwait(false);
                if (r.Value is not { } ok)
                {
                    return Error(0xBF39, 0x81, r.Status.SubjectCode switch { "8.8.1" => 1, "8.8.2" => 3, "8.8.3" => 2, _ => 127 },
                        "initiateAuthentication", r.Status.ToString());
                }
                if (_sessions.Count >= 256) _sessions.Clear();
                _sessions[ok.TransactionId] = smdp;
                record("initiateAuthentication", true, $"relayed to {address}: transaction {ok.TransactionId}");
                return TlvCodec.Constructed(0xBF39, TlvCodec.Constructed(0xA0,
                    TlvCodec.Encode(0x80, Convert.FromHexString(ok.TransactionId)),
                    ok.ServerSigned1, ok.ServerSignature1, ok.EuiccCiPkIdToBeUsed, ok.ServerCertificate));
            }
            case 0xBF3B:
            {
                // BF3B { 80 transactionId, BF38 authenticateServerResponse }
                var (tx, smdp) = Session(Field(0x80));
                if (smdp is null) return Error(0xBF3B, 0x82, 10, "authenticateClient", "unknown transaction: invalidTransactionId");
                var r = await smdp.AuthenticateClientAsync(tx,
                    (Field(0xBF38) ?? throw new EsipaException("no authenticateServerResponse")).Raw.ToArray(), cancel)
                    .ConfigureAwait(false);
                if (r.Value is not { } ok)
                {
                    return Error(0xBF3B, 0x82,
                        r.Status.SubjectCode switch { "8.1" => 5, "8.1.3" => 3, "8.2.6" => 6, "8.10.1" => 10, _ => 127 },
                        "authenticateClient", r.Status.ToString());
                }
                record("authenticateClient", true, $"relayed, transaction {tx}");
                return TlvCodec.Constructed(0xBF3B, TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x80, Convert.FromHexString(tx)),
                    ok.ProfileMetadata, ok.SmdpSigned2, ok.SmdpSignature2, ok.SmdpCertificate, ok.HashCc ?? []));
            }
            case 0xBF3A:
            {
                // BF3A { 80 transactionId, BF21 prepareDownloadResponse }
                var (tx, smdp) = Session(Field(0x80));
                if (smdp is null) return Error(0xBF3A, 0x81, 95, "getBoundProfilePackage", "unknown transaction: invalidTransactionId");
                var r = await smdp.GetBoundProfilePackageAsync(tx,
                    (Field(0xBF21) ?? throw new EsipaException("no prepareDownloadResponse")).Raw.ToArray(), cancel)
                    .ConfigureAwait(false);
                if (r.Value is not { } ok)
                {
                    return Error(0xBF3A, 0x81, r.Status.SubjectCode switch { "8.1" => 1, "8.10.1" => 95, _ => 127 },
                        "getBoundProfilePackage", r.Status.ToString());
                }
                record("getBoundProfilePackage", true, $"relayed, transaction {tx}: BPP of {ok.BoundProfilePackage.Length} bytes");
                return TlvCodec.Constructed(0xBF3A,
                    TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x80, Convert.FromHexString(tx)), ok.BoundProfilePackage));
            }
            default:
            {
                // BF41 { transactionId, cancelSessionResponse }: both untagged, so automatic [0] 80 and [1] A1 { BF41 ... }.
                if (fields.Count != 2) throw new EsipaException("CancelSessionRequestEsipa is { transactionId, cancelSessionResponse }");
                var (tx, smdp) = Session(fields[0]);
                var response = fields[1].Tag == 0xA1 ? fields[1].Children().Single() : fields[1];
                if (smdp is null) return Error(0xBF41, 0x81, 1, "cancelSession", "unknown transaction: invalidTransactionId");
                var status = await smdp.CancelSessionAsync(tx, response.Raw.ToArray(), cancel).ConfigureAwait(false);
                _sessions.TryRemove(tx, out _);
                if (!status.IsSuccess)
                    return Error(0xBF41, 0x81, status.SubjectCode == "8.10.1" ? 1 : 127, "cancelSession", status.ToString());
                record("cancelSession", true, $"relayed, transaction {tx}");
                return [0xBF, 0x41, 0x02, 0xA0, 0x00];
            }
        }
    }

    /// <summary>The SM-DP+ of a relayed session whose ProfileInstallationResult this is, if any.</summary>
    public IEs9Plus? SessionOf(Tlv profileInstallationResult)
    {
        var data = profileInstallationResult.Children().FirstOrDefault(c => c.Tag == 0xBF27);
        var tx = data.Raw.IsEmpty ? default : data.Children().FirstOrDefault(c => c.Tag == 0x80);
        return tx.Raw.IsEmpty || !_sessions.TryRemove(Convert.ToHexString(tx.Value.Span), out var smdp) ? null : smdp;
    }

    private (string Tx, IEs9Plus? Smdp) Session(Tlv? tx)
    {
        if (tx is not { } t || t.Value.Length is 0 or > 16) throw new EsipaException("transactionId missing or longer than 16 bytes");
        var hex = Convert.ToHexString(t.Value.Span);
        return (hex, _sessions.TryGetValue(hex, out var smdp) ? smdp : null);
    }

    private byte[] Error(int outer, int tag, int code, string function, string why)
    {
        record(function, false, $"relay: error {code} ({why})");
        return TlvCodec.Constructed(outer, TlvCodec.Encode(tag, [(byte)code]));
    }
}
