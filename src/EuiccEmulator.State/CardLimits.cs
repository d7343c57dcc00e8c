namespace EuiccEmulator.State;

/// <summary>
/// Bounds on the card's persistent state. A command that would go past one is refused with its spec code
/// (or, where the spec has none, undefinedError) and changes nothing; the state never grows past them.
/// </summary>
internal sealed record CardLimits
{
    public static readonly CardLimits Unbounded = new();

    /// <summary>Installed profiles; one more fails the download with installFailedDueToInsufficientMemoryForProfile.</summary>
    public int MaxProfiles { get; init; } = int.MaxValue;

    /// <summary>Pending profile notifications (install results included).</summary>
    public int MaxPendingNotifications { get; init; } = int.MaxValue;

    /// <summary>Unacknowledged eUICC Package Results.</summary>
    public int MaxPendingPackageResults { get; init; } = int.MaxValue;
}
