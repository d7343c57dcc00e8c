using EuiccEmulator.Rsp;
namespace EuiccEmulator.State;

/// <summary>One signing chain of the ECASD: CERT.EUICC and CERT.EUM under one CI, with SK.EUICC.</summary>
public sealed record SigningChain(
    byte[] CiSubjectKeyId,
    byte[] EuiccCertificate,
    byte[] EumCertificate,
    byte[] EuiccPrivateKeyPkcs8);

/// <summary>The ECASD content: EID, signing chains and the CI certificates trusted for verification.</summary>
// SGP.22 §2.4.2 / §4.5: the card may hold several CI keysets; EUICCInfo1 lists their SKIs.
public sealed record CardIdentityRecord(
    string Eid,
    IReadOnlyList<SigningChain> SigningChains,
    IReadOnlyList<byte[]> TrustedCiCertificates)
{
    /// <summary>The SGP.32 version the card was created as; it never changes (a store without it holds a v1.2 card).</summary>
    public Sgp32Version Sgp32Version { get; init; } = Sgp32Version.V1_2;
}

/// <summary>Where a card's identity is kept; stores implement it beside <see cref="ICardStore"/>.</summary>
public interface IIdentityStore
{
    /// <summary>The stored identity, or null when the store holds no card yet.</summary>
    CardIdentityRecord? LoadIdentity();

    /// <summary>Stores the identity (once, when the card is created).</summary>
    void SaveIdentity(CardIdentityRecord identity);
}
