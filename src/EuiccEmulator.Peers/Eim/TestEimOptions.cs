using System.Security.Cryptography;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers.Eim;

/// <summary>How an oversize package is made.</summary>
public enum OversizeKind
{
    None = 0,

    /// <summary>Append getRAT PSMOs (listEim eCOs) until the BF51 exceeds <see cref="EimFaults.OversizeBytes"/>.</summary>
    ManyOperations = 1,

    /// <summary>Append one listProfileInfo PSMO whose 5C tagList makes the BF51 exceed <see cref="EimFaults.OversizeBytes"/>.</summary>
    HugeTagList = 2,
}

/// <summary>Deliberately wrong eUICC Packages; each property says what the card should answer.</summary>
/// <remarks>
/// Faulty packages do not advance <see cref="TestEim.LastCounter"/> except <see cref="CounterSkip"/>,
/// which the card must accept.
/// </remarks>
public sealed record EimFaults
{
    public static EimFaults None { get; } = new();

    /// <summary>Sign with a fresh key of the same curve: eimSignature fails, unsigned error BF51 A2.</summary>
    public bool WrongSigningKey { get; init; }

    /// <summary>eidValue with its last byte changed, correctly signed: signed error invalidEid 3.</summary>
    public bool WrongEid { get; init; }

    /// <summary>counterValue equal to the last one: signed error replayError 4.</summary>
    public bool ReplayCounter { get; init; }

    /// <summary>counterValue <see cref="TooHighCounterValue"/>: signed error counterValueOutOfRange 6.</summary>
    public bool CounterTooHigh { get; init; }

    /// <summary>Above the 8 388 607 every card must support.</summary>
    // SGP.32 §2.11.1.1 (counterValue range, docs/iot.md#counter-values).
    public long TooHighCounterValue { get; init; } = TestEim.MaxCounterValue + 1;

    /// <summary>counterValue = last + 1 + n: still greater than the stored one, so the card accepts and stores it.</summary>
    public int CounterSkip { get; init; }

    /// <summary>Sign over another associationToken DO than the eIM's own: eimSignature fails, unsigned error BF51 A2.</summary>
    public bool WrongAssociationToken { get; init; }

    /// <summary>Flip one bit of eimSignature: unsigned error BF51 A2.</summary>
    public bool CorruptSignature { get; init; }

    public OversizeKind Oversize { get; init; }

    /// <summary>
    /// The BF51 is grown beyond this many bytes: signed error sizeOverflow 15 (or processingTerminated
    /// resultSizeOverflow 1 when only the result overflows).
    /// </summary>
    public int OversizeBytes { get; init; } = 8192;

    internal bool CardRejects =>
        WrongSigningKey || WrongEid || ReplayCounter || CounterTooHigh || WrongAssociationToken || CorruptSignature
            || Oversize != OversizeKind.None;
}

/// <summary>Configuration of a <see cref="TestEim"/>.</summary>
public sealed record TestEimOptions
{
    public const string DefaultEimId = "eim.example.com";

    public string EimId { get; init; } = DefaultEimId;

    public string? EimFqdn { get; init; }

    public EimIdType? EimIdType { get; init; }

    public EimSupportedProtocols? SupportedProtocols { get; init; }

    /// <summary>Curve of the SGP.26 eIM signing key when <see cref="KeyPair"/> is not given.</summary>
    public EcCurve Curve { get; init; } = EcCurve.NistP256;

    /// <summary>Explicit signing key pair; default: SGP.26 SK/PK_S_EIMsign_ECDSA for <see cref="Curve"/>.</summary>
    public TestKeyPair? KeyPair { get; init; }

    /// <summary>Present the key as SubjectPublicKeyInfo (A5 A0) or as a certificate (A5 A1).</summary>
    public EimKeyDataKind KeyPresentation { get; init; } = EimKeyDataKind.PublicKey;

    /// <summary>Certificate for <see cref="EimKeyDataKind.Certificate"/>; default: self-signed over the signing key.</summary>
    public byte[]? Certificate { get; init; }

    /// <summary>counterValue (83) of the configuration data; the first package carries this + 1.</summary>
    public long InitialCounter { get; init; }

    /// <summary>
    /// associationToken (84) put in the configuration data, e.g.
    /// <see cref="EimConfigurationData.AssignAssociationToken"/>; null: none.
    /// </summary>
    public long? ConfigAssociationToken { get; init; }

    /// <summary>The token the card assigned, if already known; signed into every package.</summary>
    public long? AssociationToken { get; init; }

    /// <summary>The card's EID (eidValue).</summary>
    public Eid Eid { get; init; } = Eid.WithCheckDigits("890490321234512345123456789012");

    /// <summary>euiccCiPKId (88) and GetCerts request SKI; null: omitted.</summary>
    public byte[]? EuiccCiPkId { get; init; }

    public bool IndirectProfileDownload { get; init; }

    /// <summary>Add a 16-byte eimTransactionId (82) when the caller gives none.</summary>
    public bool AutoTransactionId { get; init; } = true;

    /// <summary>CERT.EUICC for checking euiccSignEPR/EPE (e.g. from GetCerts).</summary>
    public byte[]? EuiccCertificate { get; init; }

    /// <summary>Whether eimSignature covers the associationToken DO after EuiccPackageSigned (SGP.32 v1.2); false: a v1.0 eIM.</summary>
    public bool SignAssociationToken { get; init; } = true;

    /// <summary>Input of euiccSignEPR/EPE checked by default.</summary>
    public EprSignatureInput ResultSignatureInput { get; init; } = EprSignatureInput.EimSignature;

    /// <summary>Source of transaction IDs; default: the system CSPRNG.</summary>
    public Func<int, byte[]> RandomBytes { get; init; } = RandomNumberGenerator.GetBytes;

    /// <summary>Faults applied to every package (a Build call can override).</summary>
    public EimFaults Faults { get; init; } = EimFaults.None;
}
