using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.State;

/// <summary>A profile as the card keeps it: its ISD-P, state and metadata (SGP.22 StoreMetadata + ProfileInfo).</summary>
public sealed record ProfileRecord
{
    /// <summary>The ICCID.</summary>
    public required Iccid Iccid { get; init; }

    /// <summary>The ISD-P instance AID (16 bytes).</summary>
    public required byte[] IsdpAid { get; init; }

    /// <summary>Enabled or disabled.</summary>
    public ProfileState State { get; init; } = ProfileState.Disabled;

    /// <summary>The end user's name for it.</summary>
    public string? Nickname { get; init; }

    /// <summary>The service provider name from the metadata.</summary>
    public string ServiceProviderName { get; init; } = "";

    /// <summary>The profile name from the metadata.</summary>
    public string ProfileName { get; init; } = "";

    /// <summary>The icon format, when there is an icon.</summary>
    public IconType? IconType { get; init; }

    /// <summary>The icon bytes, if any.</summary>
    public byte[]? Icon { get; init; }

    /// <summary>Test, provisioning or operational.</summary>
    public ProfileClass ProfileClass { get; init; } = ProfileClass.Operational;

    /// <summary>Where the card sends notifications, and for which events.</summary>
    public IReadOnlyList<NotificationConfig> NotificationConfigs { get; init; } = [];

    /// <summary>The operator that owns the profile.</summary>
    public OperatorId? ProfileOwner { get; init; }

    /// <summary>DpProprietaryData as received in ConfigureISDP: the complete constructed TLV (any tag).</summary>
    public byte[]? DpProprietaryData { get; init; }

    /// <summary>The profile policy rules.</summary>
    public PprIds Pprs { get; init; }

    /// <summary>serviceSpecificDataStoredInEuicc as received: the complete constructed TLV (any tag).</summary>
    public byte[]? ServiceSpecificData { get; init; }

    // SGP.32 IoT metadata.
    /// <summary>Whether this is the emergency (eCall) profile (SGP.32).</summary>
    public bool EcallIndication { get; init; }

    /// <summary>Whether the profile may carry the fallback attribute (SGP.32).</summary>
    public bool FallbackAllowed { get; init; }

    /// <summary>Whether the profile is the fallback profile (SGP.32).</summary>
    public bool FallbackAttribute { get; init; }

    /// <summary>Value of <see cref="Origin"/> for profiles put on the card outside a download.</summary>
    public const string PreLoadedOrigin = "pre-loaded";

    /// <summary>Where the profile came from: <see cref="PreLoadedOrigin"/>, or the installing SM-DP+ address.</summary>
    public string Origin { get; init; } = PreLoadedOrigin;

    /// <summary>Whether the profile came onto the card outside a download.</summary>
    public bool IsPreLoaded => Origin == PreLoadedOrigin;

    /// <summary>Size of the unprotected profile package kept in the store.</summary>
    public int PackageSize { get; init; }

    /// <summary>
    /// The profile's UICC state since installation (updated files, PIN/PUK counters, authentication sequence
    /// numbers), encoded by the card's UICC layer; null while untouched.
    /// </summary>
    public byte[]? UiccState { get; init; }
}
