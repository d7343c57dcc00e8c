using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>A profile as the card keeps it: its ISD-P, state and metadata (SGP.22 StoreMetadata + ProfileInfo).</summary>
public sealed record ProfileRecord
{
    public required Iccid Iccid { get; init; }

    /// <summary>The ISD-P instance AID (16 bytes).</summary>
    public required byte[] IsdpAid { get; init; }

    public ProfileState State { get; init; } = ProfileState.Disabled;

    public string? Nickname { get; init; }

    public string ServiceProviderName { get; init; } = "";

    public string ProfileName { get; init; } = "";

    public IconType? IconType { get; init; }

    public byte[]? Icon { get; init; }

    public ProfileClass ProfileClass { get; init; } = ProfileClass.Operational;

    public IReadOnlyList<NotificationConfig> NotificationConfigs { get; init; } = [];

    public OperatorId? ProfileOwner { get; init; }

    /// <summary>DpProprietaryData as received in ConfigureISDP: the complete constructed TLV (any tag).</summary>
    public byte[]? DpProprietaryData { get; init; }

    public PprIds Pprs { get; init; }

    /// <summary>serviceSpecificDataStoredInEuicc as received: the complete constructed TLV (any tag).</summary>
    public byte[]? ServiceSpecificData { get; init; }

    // SGP.32 IoT metadata.
    public bool EcallIndication { get; init; }

    public bool FallbackAllowed { get; init; }

    public bool FallbackAttribute { get; init; }

    /// <summary>Value of <see cref="Origin"/> for profiles put on the card outside a download.</summary>
    public const string PreLoadedOrigin = "pre-loaded";

    /// <summary>Where the profile came from: <see cref="PreLoadedOrigin"/>, or the installing SM-DP+ address.</summary>
    public string Origin { get; init; } = PreLoadedOrigin;

    public bool IsPreLoaded => Origin == PreLoadedOrigin;

    /// <summary>Size of the unprotected profile package kept in the store.</summary>
    public int PackageSize { get; init; }

    /// <summary>
    /// The profile's UICC state since installation (updated files, PIN/PUK counters, authentication sequence
    /// numbers), encoded by the card's UICC layer; null while untouched.
    /// </summary>
    public byte[]? UiccState { get; init; }
}
