using EuiccEmulator.Card.Applets;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR;

/// <summary>What ES10 handlers work with: persistent state, ECASD, CAT session and volatile session data.</summary>
internal sealed class IsdRContext(CardEngine engine, IEcasdServices ecasd, CardOptions options,
    ProactiveSession proactive, Func<int, byte[]> random)
{
    public CardEngine Engine { get; } = engine;

    public IEcasdServices Ecasd { get; } = ecasd;

    public CardOptions Options { get; } = options;

    public ProactiveSession Proactive { get; } = proactive;

    /// <summary>Server certificates verified so far, by their bytes.</summary>
    internal ServerCertificates ServerCertificates { get; } = new(ecasd, options.CertificateVerification);

    /// <summary>eIM signature keys imported so far, by their stored eimPublicKeyData.</summary>
    internal BytesCache<EcPublicKey?> EimKeys { get; } = new(16);

    /// <summary>The card's random source (seedable for deterministic runs).</summary>
    public Func<int, byte[]> Random { get; } = random;

    /// <summary>The last challenge handed out by GetEUICCChallenge; volatile.</summary>
    public byte[]? EuiccChallenge { get; set; }

    /// <summary>The download in progress, from AuthenticateServer to its final result.</summary>
    public DownloadSession? Download { get; private set; }

    /// <summary>The last otSK/otPK.EUICC.ECKA, kept so a retried download can present bppEuiccOtpk.</summary>
    // SGP.22 §5.7.14: a PrepareDownload with bppEuiccOtpk reuses the matching key pair.
    public EcdhKeyPair? KeptOneTimeKey { get; private set; }

    public void StartDownload(DownloadSession session)
    {
        EndDownload();
        Download = session;
    }

    public void EndDownload()
    {
        Download?.Dispose();
        Download = null;
    }

    public void KeepOneTimeKey(EcdhKeyPair key)
    {
        if (!ReferenceEquals(key, KeptOneTimeKey)) KeptOneTimeKey?.Dispose();
        KeptOneTimeKey = key;
    }

    /// <summary>
    /// Told when the terminal is to see a profile switch: at once (true) or at the next card reset (false).
    /// The UICC plane sets it; without one, nothing is presented and nothing waits.
    /// </summary>
    public Action<bool>? SwitchPresented { get; set; }

    /// <summary>
    /// A profile state change that needs a REFRESH: issued only to a terminal whose TERMINAL PROFILE announced REFRESH
    /// (ETSI TS 102 223 §5.2, §6.4.7); for any other terminal the change takes effect at the next card reset and the
    /// response ends 9000.
    /// </summary>
    public void RequestRefresh()
    {
        if (Proactive.RefreshSupported)
        {
            Proactive.Queue(ProactiveSession.Refresh(Options.RefreshQualifier));
            SwitchPresented?.Invoke(true);
        }
        else
        {
            SwitchPresented?.Invoke(false);
        }
    }

    /// <summary>Set after an accepted profile switch when the card mimics cards that then refuse ES10b (6985).</summary>
    public bool Es10bLocked { get; private set; }

    /// <summary>After an accepted enable/disable: REFRESH if asked, and the optional ES10b lock.</summary>
    public void ProfileSwitched(bool refresh)
    {
        if (refresh) RequestRefresh();
        else SwitchPresented?.Invoke(true); // refreshFlag false: the new file system is presented at once
        if (Options.LockEs10bAfterProfileSwitch) Es10bLocked = true;
    }

    /// <summary>A PSMO switch always asks the terminal for a REFRESH (no refreshFlag in a package).</summary>
    public void NotifyProfileSwitch(bool switched)
    {
        if (switched) ProfileSwitched(refresh: true);
    }

    /// <summary>Clears the volatile session state (power loss, reset).</summary>
    public void ResetSession()
    {
        EuiccChallenge = null;
        Es10bLocked = false;
        // SGP.22 §5.5: a BPP cut off by a reset or power loss ends with installFailedDueToInterruption.
        Download?.Loader?.Interrupt();
        EndDownload();
    }
}
