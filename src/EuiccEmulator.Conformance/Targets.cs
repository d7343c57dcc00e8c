using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Conformance;

/// <summary>The card under test and what the runner may do with it.</summary>
public interface IConformanceTarget : IDisposable
{
    string Name { get; }

    ICard Card { get; }

    /// <summary>The target can warm-reset the card (in-process, PC/SC, vpcd all can).</summary>
    bool CanReset { get; }

    /// <summary>Commands shorter than 4 bytes reach the card as sent.</summary>
    bool PassesShortApdus { get; }

    /// <summary>A dedicated card set up as <paramref name="requirement"/> says, or null when the target cannot make one.</summary>
    IConfiguredCard? CreateConfigured(CardRequirement requirement);
}

/// <summary>A card made for one case; disposed after it.</summary>
public interface IConfiguredCard : IDisposable
{
    ICard Card { get; }
}

/// <summary>Any other card (PC/SC reader, vpcd): nothing card-specific can be set up.</summary>
public sealed class CardTarget(string name, ICard card, bool canReset = true, IDisposable? owner = null,
    bool passesShortApdus = true) : IConformanceTarget
{
    public bool PassesShortApdus { get; } = passesShortApdus;

    public string Name { get; } = name;

    public ICard Card { get; } = card;

    public bool CanReset { get; } = canReset;

    public IConfiguredCard? CreateConfigured(CardRequirement requirement) => null;

    public void Dispose() => owner?.Dispose();
}
