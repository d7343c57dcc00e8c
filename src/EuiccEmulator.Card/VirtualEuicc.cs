using System.Security.Cryptography;
using EuiccEmulator.Card.Applets;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR;
using EuiccEmulator.Card.IsdR.Es10a;
using EuiccEmulator.Card.IsdR.Es10b;
using EuiccEmulator.Card.IsdR.Es10c;
using EuiccEmulator.Card.IsdR.Iot;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.State;

namespace EuiccEmulator.Card;

/// <summary>Composes one eUICC: card OS, ISD-R, ECASD and the persistent state engine.</summary>
public sealed class VirtualEuicc : IDisposable
{
    /// <summary>
    /// Builds the card on a store and an identity. A fresh store starts empty; an existing one brings the card back as it
    /// was committed.
    /// </summary>
    /// <param name="store">Where the card keeps its state: <see cref="InMemoryCardStore"/> or a durable store.</param>
    /// <param name="identity">The ECASD content: EID, keys and certificates (<see cref="Ecasd.CardIdentityFactory"/>).</param>
    /// <param name="options">Behaviour settings; null takes the defaults.</param>
    /// <param name="seed">Makes signatures and one-time keys reproducible (golden transcripts); null uses the OS random source.</param>
    /// <param name="onInternalError">Called with any exception the card turned into status word 6F00.</param>
    /// <exception cref="CardVersionMismatchException">
    /// The options ask for another SGP.32 version than the identity was created as.
    /// </exception>
    public VirtualEuicc(ICardStore store, CardIdentityRecord identity, CardOptions? options = null, int? seed = null,
        Action<Exception>? onInternalError = null)
    {
        options ??= new CardOptions();
        if (options.Sgp32Version != identity.Sgp32Version)
            throw new CardVersionMismatchException(identity.Sgp32Version, options.Sgp32Version);
        Options = options;
        Store = store;
        var domain = new EcasdDomain(identity);
        // A seeded card signs with RFC 6979 nonces and draws its one-time ECKA keys from the seed (golden transcripts).
        IEcasdServices ecasd = seed is null ? domain
            : new Determinism.SeededEcasd(domain, identity, RandomSource(unchecked((seed.Value * 7919) + 1)));
        Ecasd = ecasd;
        Engine = new CardEngine(store, new SignedNotificationFactory(ecasd)) { Limits = options.Limits };
        var proactive = new ProactiveSession();
        Context = new IsdRContext(Engine, ecasd, options, proactive, RandomSource(seed));
        IsdR = new IsdRApplication(Context, Es10Handlers(options.Iot ? options.Sgp32Version : Sgp32Version.V1_2));
        Uicc = new Uicc.UiccRuntime(Engine);
        Context.SwitchPresented = Uicc.PresentSwitch;
        Card = new EuiccCard(options, [IsdR, new EcasdApplet(ecasd)], proactive, onInternalError, new Uicc.UiccCommands(Uicc,
            RandomSource(seed is null ? null : unchecked((seed.Value * 31) + 7))));
        Card.Resetting += Context.ResetSession;
    }

    /// <summary>The card as a reader sees it: power, reset and APDU exchange (<see cref="EuiccEmulator.Iso7816.ICard"/>).</summary>
    public EuiccCard Card { get; }

    /// <summary>The enabled profile's file system as presented to the terminal.</summary>
    internal Uicc.UiccRuntime Uicc { get; }

    /// <summary>The card's persistent state (profiles, notifications, settings) to read, and to pre-load profiles into.</summary>
    public CardEngine Engine { get; }

    internal IsdRApplication IsdR { get; }

    internal IsdRContext Context { get; }

    /// <summary>The ECASD: EID, certificates and the CIs the card trusts.</summary>
    public IEcasdServices Ecasd { get; }

    /// <summary>The options the card was built with.</summary>
    public CardOptions Options { get; }

    /// <summary>The store the card commits to.</summary>
    public ICardStore Store { get; }

    /// <summary>Every ES10 function a v1.2 card implements, one handler per catalogue entry.</summary>
    internal static IEnumerable<IEs10Handler> Es10Handlers() => Es10Handlers(Sgp32Version.V1_2);

    /// <summary>Every ES10 function a card of the given SGP.32 version implements, one handler per catalogue entry.</summary>
    internal static IEnumerable<IEs10Handler> Es10Handlers(Sgp32Version version)
    {
        IEnumerable<IEs10Handler> common =
        [
            new GetEuiccConfiguredAddressesHandler(),
            new SetDefaultDpAddressHandler(),
            new GetEuiccInfo1Handler(),
            new GetEuiccInfo2Handler(),
            new GetEuiccChallengeHandler(),
            new ListNotificationHandler(),
            new RetrieveNotificationsListHandler(),
            new RemoveNotificationFromListHandler(),
            new GetEidHandler(),
            new GetProfilesInfoHandler(),
            new EnableProfileHandler(),
            new DisableProfileHandler(),
            new DeleteProfileHandler(),
            new SetNicknameHandler(),
            new AuthenticateServerHandler(),
            new PrepareDownloadHandler(),
            new LoadBoundProfilePackageHandler(),
            new CancelSessionHandler(),
            new GetRatHandler(),
            new AddInitialEimHandler(),
            new GetEimConfigurationDataHandler(),
            new GetCertsHandler(),
            new LoadEuiccPackageHandler(),
            new ProfileRollbackHandler(),
            new ConfigureImmediateProfileEnablingHandler(),
        ];
        // SGP.32 v1.0 has the IoT memory reset under BF34 and EnableUsingDD, and none of the fallback, emergency,
        // connectivity, IoT SetDefaultDpAddress and BF64 functions: their tags are unknown to a v1.0 card.
        if (version == Sgp32Version.V1_0)
            return [.. common, new EuiccMemoryResetV10Handler(), new EnableUsingDdHandler()];
        return
        [
            .. common,
            new EuiccMemoryResetHandler(),
            new ExecuteFallbackMechanismHandler(),
            new ReturnFromFallbackHandler(),
            new EnableEmergencyProfileHandler(),
            new DisableEmergencyProfileHandler(),
            new ImmediateEnableHandler(),
            new GetConnectivityParametersHandler(),
            new SetDefaultDpAddressIotHandler(),
            new EuiccMemoryResetIotHandler(),
        ];
    }

    /// <summary>The card's random source: the OS CSPRNG, or a seeded generator for reproducible transcripts.</summary>
    private static Func<int, byte[]> RandomSource(int? seed)
    {
        if (seed is null) return RandomNumberGenerator.GetBytes;
#pragma warning disable CA5394 // deliberately predictable: only for golden transcripts
        var random = new Random(seed.Value);
        return n =>
        {
            var bytes = new byte[n];
            random.NextBytes(bytes);
            return bytes;
        };
#pragma warning restore CA5394
    }

    /// <summary>Releases the card's keys; the store is the caller's to dispose.</summary>
    public void Dispose() => ((IDisposable)Ecasd).Dispose();
}

/// <summary>The card options ask for another SGP.32 version than the card was created as.</summary>
public sealed class CardVersionMismatchException(Sgp32Version created, Sgp32Version requested)
    : InvalidOperationException($"the card was created as an SGP.32 v{created.Text()} card and cannot be served as v{requested.Text()}")
{
    /// <summary>The version the card was created as.</summary>
    public Sgp32Version Created { get; } = created;

    /// <summary>The version the options asked for.</summary>
    public Sgp32Version Requested { get; } = requested;
}
