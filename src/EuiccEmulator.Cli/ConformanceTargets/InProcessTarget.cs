using EuiccEmulator.Card;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Conformance;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Cli.ConformanceTargets;

/// <summary>The emulator in this process. By default a fresh card in memory with the SGP.26 test identity.</summary>
public sealed class InProcessTarget : IConformanceTarget
{
    public const string DefaultEid = "89049032123451234512345678901235";

    private readonly Action? _dispose;

    public InProcessTarget(ICard card, string name = "in-process", Action? dispose = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        Name = name;
        _dispose = dispose;
    }

    public string Name { get; }

    public ICard Card { get; }

    public bool CanReset => true;

    public bool PassesShortApdus => true;

    /// <summary>A fresh temporary card (in-memory store, new SGP.26 test identity), so runs are repeatable.</summary>
    public static InProcessTarget CreateFresh(CardOptions? options = null)
    {
        var card = FreshCard.Create(options);
        return new InProcessTarget(card.Card, "in-process (fresh temporary card)", card.Dispose);
    }

    public IConfiguredCard? CreateConfigured(CardRequirement requirement) => FreshCard.Create(ToCardOptions(requirement));

    public void Dispose() => _dispose?.Invoke();

    /// <summary>The emulator's options for what a case needs (every other option at its default).</summary>
    public static CardOptions ToCardOptions(CardRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var options = new CardOptions();
        if (requirement.AllowedProfileClasses is { } classes)
            options = options with { AllowedProfileClasses = classes.Select(c => (ProfileClass)c).ToHashSet() };
        if (requirement.EmptyRat) options = options with { Rat = [] };
        if (requirement.ProfileMemoryBytes is { } memory) options = options with { ProfileMemory = memory };
        if (requirement.ConnectivityHttpParams is { } http) options = options with { ConnectivityHttpParams = http };
        if (requirement.GetResponseInterindustryClassOnly)
            options = options with { GetResponseClass = GetResponseClass.InterindustryOnly };
        if (requirement.Es10bLockedAfterProfileSwitch) options = options with { LockEs10bAfterProfileSwitch = true };
        if (requirement.ResultSignedOverAssociationToken)
            options = options with { EprSignatureInput = EprSignatureInput.AssociationToken };
        return options;
    }
}

/// <summary>A new in-memory emulator card.</summary>
public sealed class FreshCard : IConfiguredCard
{
    private readonly VirtualEuicc _euicc;

    private FreshCard(VirtualEuicc euicc) => _euicc = euicc;

    public ICard Card => _euicc.Card;

    public VirtualEuicc Euicc => _euicc;

    public static FreshCard Create(CardOptions? options = null)
    {
        var identity = CardIdentityFactory.Create(Eid.Parse(InProcessTarget.DefaultEid)) with
        {
            Sgp32Version = options?.Sgp32Version ?? Sgp32Version.V1_2,
        };
        var euicc = new VirtualEuicc(new InMemoryCardStore(), identity, options);
        euicc.Card.PowerOn();
        return new FreshCard(euicc);
    }

    public void Dispose() => _euicc.Dispose();
}
