using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Card.IsdR.Download;

/// <summary>Volatile state of one profile download, from AuthenticateServer to the final result.</summary>
// SGP.22 §3.1.3: the eUICC keeps the transaction context between the ES10b calls of one download.
internal sealed class DownloadSession : IDisposable
{
    public required byte[] TransactionId { get; init; }

    /// <summary>SKI of the CI whose chain the card signs with in this session (euiccCiPKIdToBeUsed).</summary>
    public required byte[] CiSki { get; init; }

    public required EcasdChain Chain { get; init; }

    public required string ServerAddress { get; init; }

    /// <summary>SM-DP+ OID from CERT.DPauth (SAN registeredID).</summary>
    public required string SmdpOid { get; init; }

    /// <summary>euiccSignature1 as sent (5F37 40 r||s), covered by smdpSignature2.</summary>
    public required byte[] EuiccSignature1Do { get; init; }

    // Set by PrepareDownload.
    public EcPublicKey? DpPbKey { get; set; }

    /// <summary>SM-DP+ OID from CERT.DPpb; goes into ProfileInstallationResultData.</summary>
    public string? DpPbOid { get; set; }

    /// <summary>otSK/otPK.EUICC.ECKA of this session; owned by the context, which keeps it for a retry.</summary>
    public EcdhKeyPair? OneTimeKey { get; set; }

    public bool Prepared => DpPbKey is not null && OneTimeKey is not null;

    /// <summary>The BPP being loaded, once InitialiseSecureChannel arrived.</summary>
    public BppLoader? Loader { get; set; }

    public void Dispose() => Loader?.Dispose();
}
