using EuiccEmulator.Card;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Values;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli;

/// <summary>Opens a card's store and identity and composes the card; the CLI's composition root.</summary>
public sealed class CardHost : IDisposable
{
    public const string DefaultEid = "89049032123451234512345678901235";

    private CardHost(LiteDbCardStore store, VirtualEuicc euicc)
    {
        Store = store;
        Euicc = euicc;
    }

    public LiteDbCardStore Store { get; }

    public VirtualEuicc Euicc { get; }

    /// <summary>Opens the store; a store without identity gets the default SGP.26 test identity.</summary>
    public static CardHost Open(string? storePath, string? eid, TextWriter log, int? seed = null, CardOptions? options = null) =>
        Open(storePath, eid, log, seed, options, mustExist: false);

    /// <summary>
    /// Opens a card that must already exist (verbs that read or act on a stored card): a missing store or one
    /// without a card is an error, never a new card.
    /// </summary>
    public static CardHost OpenExisting(string? storePath, TextWriter log, CardOptions? options = null)
    {
        var path = Path.GetFullPath(storePath ?? StorePaths.Default());
        if (Directory.Exists(path)) throw new StoreException($"{path}: is a directory, not a card store file");
        if (!File.Exists(path)) throw new StoreException($"{path}: no such card store (euicc-emu init or serve creates one)");
        return Open(path, null, log, null, options, mustExist: true);
    }

    private static CardHost Open(string? storePath, string? eid, TextWriter log, int? seed, CardOptions? options, bool mustExist)
    {
        var store = LiteDbCardStore.Open(storePath ?? StorePaths.Default());
        try
        {
            var identity = store.LoadIdentity();
            if (identity is null && mustExist) throw new StoreException($"{store.Path}: holds no card (euicc-emu init creates one)");
            if (identity is null)
            {
                identity = CardIdentityFactory.Create(ParseEid(eid ?? DefaultEid));
                store.SaveIdentity(identity);
                log.WriteLine($"created card {identity.Eid} in {store.Path}");
            }
            else if (eid is not null && eid != identity.Eid)
            {
                throw new CliException($"--eid: the card in {store.Path} has EID {identity.Eid}; use another --store for {eid}");
            }
            WarnIfTestKeys(identity, log);
            return new CardHost(store, new VirtualEuicc(store, identity, options, seed,
                e => log.WriteLine($"internal error (answered 6F00): {e.GetType().Name}: {e.Message}")));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public static Eid ParseEid(string text) =>
        Eid.TryParse(text, out var eid, out var why) ? eid : throw new CliException($"--eid: {why}");

    /// <summary>SGP.26 keys are public: say so whenever a card signs with them.</summary>
    public static void WarnIfTestKeys(CardIdentityRecord identity, TextWriter log)
    {
        var sgp26 = TestPki.Sgp26Nist.CiSubjectKeyId;
        if (identity.SigningChains.Any(c => c.CiSubjectKeyId.AsSpan().SequenceEqual(sgp26.Span)))
            log.WriteLine("warning: this card signs under the public GSMA SGP.26 TEST CI: TEST ONLY, never for production");
    }

    public void Dispose()
    {
        Euicc.Dispose();
        Store.Dispose();
    }
}
