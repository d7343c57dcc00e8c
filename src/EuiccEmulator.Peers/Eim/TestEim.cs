using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Peers.Eim;

/// <summary>
/// A test eIM (SGP.32): builds EimConfigurationData and signed eUICC Packages, tracks its counter,
/// and checks the card's EuiccPackageResults. Faults produce deliberately wrong packages.
/// </summary>
public sealed partial class TestEim : IDisposable
{
    /// <summary>The smallest maximum counterValue every card must support.</summary>
    // SGP.32 §2.11.1.1 (docs/iot.md#counter-values): 0x7FFFFF.
    public const long MaxCounterValue = 8_388_607;

    private readonly TestEimOptions _options;
    private readonly EcSigningKey _key;
    private readonly TestKeyPair _keyPair;
    private EcSigningKey? _wrongKey;
    private byte[]? _certificate;
    private EcPublicKey? _euiccKey;

    public TestEim(TestEimOptions? options = null)
    {
        _options = options ?? new TestEimOptions();
        if (_options.EimId.Length is 0 or > 128) throw new ArgumentException("eimId is 1..128 characters", nameof(options));
        _keyPair = _options.KeyPair ?? TestPki.Eim(_options.Curve);
        _key = EcSigningKey.ImportPkcs8(_keyPair.PrivateKeyPkcs8);
        LastCounter = _options.InitialCounter;
        AssociationToken = _options.AssociationToken;
        if (_options.EuiccCertificate is not null) _euiccKey = EcPublicKey.FromCertificate(_options.EuiccCertificate);
    }

    public TestEimOptions Options => _options;

    public string EimId => _options.EimId;

    /// <summary>The eIM's public key (what the card verifies eimSignature with).</summary>
    public EcPublicKey PublicKey => _key.PublicKey;

    /// <summary>The last counterValue the card should have accepted; the next package carries this + 1.</summary>
    public long LastCounter { get; set; }

    /// <summary>The association token signed into every package (84 01 00 when null).</summary>
    public long? AssociationToken { get; set; }

    /// <summary>The key data the card stores: SubjectPublicKeyInfo or the (self-signed) certificate.</summary>
    public EimKeyData KeyData => _options.KeyPresentation == EimKeyDataKind.PublicKey
        ? EimKeyData.PublicKey(_keyPair.SubjectPublicKeyInfo)
        : EimKeyData.Certificate(Certificate);

    /// <summary>The eIM certificate: the configured one, else self-signed over the signing key.</summary>
    public byte[] Certificate => _certificate ??= _options.Certificate ?? SelfSignedCertificate();

    /// <summary>This eIM's EimConfigurationData, as the IPA passes it to AddInitialEim or an addEim eCO.</summary>
    public EimConfigurationData ConfigurationData => new()
    {
        EimId = _options.EimId,
        EimFqdn = _options.EimFqdn,
        EimIdType = _options.EimIdType,
        CounterValue = _options.InitialCounter,
        AssociationToken = _options.ConfigAssociationToken,
        EimPublicKeyData = KeyData,
        SupportedProtocols = _options.SupportedProtocols,
        EuiccCiPkId = _options.EuiccCiPkId,
        IndirectProfileDownload = _options.IndirectProfileDownload,
    };

    /// <summary>30 { EimConfigurationData } of this eIM.</summary>
    // SGP.32 §2.11.1.1.1
    public byte[] BuildEimConfigurationData() => ConfigurationData.Encode();

    /// <summary>The associationToken DO of the signature input: 84 len token, or 84 01 00 without token.</summary>
    // SGP.32 §2.11.1.1 (docs/iot.md#eimsignature-input).
    public static byte[] AssociationTokenDo(long? token) => EimDer.Integer(0x84, token ?? 0);

    /// <summary>Uses CERT.EUICC for checking euiccSignEPR/EPE.</summary>
    public void TrustEuiccCertificate(ReadOnlySpan<byte> euiccCertificate) => _euiccKey = EcPublicKey.FromCertificate(euiccCertificate);

    /// <summary>Uses CERT.EUICC from a GetCerts answer; with <paramref name="ciCertificate"/> the chain is verified first.</summary>
    /// <exception cref="CryptographicException">The chain does not verify.</exception>
    public void TrustEuiccCertificate(GetCertsResult certs, byte[]? ciCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(certs);
        if (certs.EuiccCertificate is null || certs.EumCertificate is null)
            throw new ArgumentException($"GetCerts failed with {certs.Error}", nameof(certs));
        if (ciCertificate is not null)
        {
            var result = CertificateVerifier.VerifyEuicc(certs.EuiccCertificate, certs.EumCertificate, ciCertificate);
            if (!result.IsValid) throw new CryptographicException("CERT.EUICC: " + result.Reason);
        }
        TrustEuiccCertificate(certs.EuiccCertificate);
    }

    /// <summary>BF51 EuiccPackageRequest with a psmoList (A0).</summary>
    // SGP.32 §2.11.1.1 EuiccPackageRequest / EuiccPackageSigned.
    public EuiccPackageRequest BuildEuiccPackage(
        IEnumerable<Psmo> psmos, long? counter = null, byte[]? transactionId = null, EimFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(psmos);
        var list = psmos.ToList();
        faults ??= _options.Faults;
        var items = list.Select(p => p.Encoded.ToArray()).ToList();
        var expected = list.Select(p => ExpectedResult(p.Kind)).ToList();
        return Build(0xA0, items, expected, counter, transactionId, faults, isPsmo: true);
    }

    /// <summary>BF51 EuiccPackageRequest with an ecoList (A1).</summary>
    public EuiccPackageRequest BuildEuiccPackage(
        IEnumerable<Eco> ecos, long? counter = null, byte[]? transactionId = null, EimFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(ecos);
        var list = ecos.ToList();
        faults ??= _options.Faults;
        var items = list.Select(e => e.Encoded.ToArray()).ToList();
        var expected = list.Select(e => ExpectedResult(e.Kind)).ToList();
        return Build(0xA1, items, expected, counter, transactionId, faults, isPsmo: false);
    }

    public void Dispose()
    {
        _key.Dispose();
        _wrongKey?.Dispose();
    }

    private EuiccPackageRequest Build(
        int listTag,
        List<byte[]> items,
        List<EuiccResultKind?> expected,
        long? counter,
        byte[]? transactionId,
        EimFaults faults,
        bool isPsmo)
    {
        if (transactionId is { Length: 0 or > 16 }) throw new ArgumentException("eimTransactionId is 1..16 bytes", nameof(transactionId));
        transactionId ??= _options.AutoTransactionId ? _options.RandomBytes(16) : null;

        var value = counter
            ?? (faults.ReplayCounter ? LastCounter
            : faults.CounterTooHigh ? faults.TooHighCounterValue
            : LastCounter + 1 + faults.CounterSkip);

        var eid = _options.Eid.ToBytes();
        // A changed last byte also breaks the SGP.29 check digits: the EID is wrong either way.
        if (faults.WrongEid) eid[^1] ^= 0x11;

        byte[] SignedData(List<byte[]> list) => TlvCodec.Constructed(0x30,
            EimDer.Utf8(0x80, _options.EimId),
            TlvCodec.Encode(0x5A, eid),
            EimDer.Integer(0x81, value),
            transactionId is null ? [] : TlvCodec.Encode(0x82, transactionId),
            TlvCodec.Constructed(listTag, list));

        // Request = header(4) + signed + 5F37 40 (67): grow the list until the whole BF51 passes the limit.
        const int SignatureDoLength = 3 + EcPublicKey.SignatureLength;
        int RequestLength(List<byte[]> list)
        {
            var inner = SignedData(list).Length + SignatureDoLength;
            return TlvCodec.Header(0xBF51, inner).Length + inner;
        }
        switch (faults.Oversize)
        {
            case OversizeKind.ManyOperations:
                while (RequestLength(items) <= faults.OversizeBytes)
                {
                    items.Add(isPsmo ? Psmo.GetRat().Encoded.ToArray() : Eco.ListEim().Encoded.ToArray());
                    expected.Add(isPsmo ? EuiccResultKind.GetRat : EuiccResultKind.ListEim);
                }
                break;
            case OversizeKind.HugeTagList:
                if (!isPsmo) throw new ArgumentException("a tagList exists only in the listProfileInfo PSMO", nameof(faults));
                // Start a little short (headers grow with the length), then step up to the first size past the limit.
                var tagLength = Math.Max(1, faults.OversizeBytes - RequestLength(items) - 16);
                byte[] TagList(int n) => Enumerable.Repeat((byte)0x5A, n).ToArray();
                items.Add(Psmo.ListProfileInfo(tagList: TagList(tagLength)).Encoded.ToArray());
                expected.Add(EuiccResultKind.ListProfileInfo);
                while (RequestLength(items) <= faults.OversizeBytes)
                {
                    tagLength++;
                    items[^1] = Psmo.ListProfileInfo(tagList: TagList(tagLength)).Encoded.ToArray();
                }
                break;
        }

        var signed = SignedData(items);
        var tokenDo = AssociationTokenDo(AssociationToken);
        var usedTokenDo = faults.WrongAssociationToken ? AssociationTokenDo((AssociationToken ?? 0) + 1) : tokenDo;
        var input = _options.SignAssociationToken ? [.. signed, .. usedTokenDo] : signed;
        var signature = (faults.WrongSigningKey ? WrongKey() : _key).Sign(input);
        if (faults.CorruptSignature) signature[^1] ^= 0x01;

        var encoded = TlvCodec.Constructed(0xBF51, signed, TlvCodec.Encode(0x5F37, signature));
        if (!faults.CardRejects && value > LastCounter && value <= MaxCounterValue) LastCounter = value;
        return new EuiccPackageRequest
        {
            Encoded = encoded,
            EimId = _options.EimId,
            EidValue = eid,
            CounterValue = value,
            TransactionId = transactionId,
            SignedData = signed,
            SignatureInput = input,
            Signature = signature,
            AssociationTokenDo = tokenDo,
            ExpectedResults = expected,
        };
    }

    private EcSigningKey WrongKey() => _wrongKey ??= EcSigningKey.Generate(_key.Curve);

    private static EuiccResultKind? ExpectedResult(PsmoKind kind) => kind switch
    {
        PsmoKind.Enable => EuiccResultKind.Enable,
        PsmoKind.Disable => EuiccResultKind.Disable,
        PsmoKind.Delete => EuiccResultKind.Delete,
        PsmoKind.ListProfileInfo => EuiccResultKind.ListProfileInfo,
        PsmoKind.GetRat => EuiccResultKind.GetRat,
        PsmoKind.ConfigureImmediateEnable => EuiccResultKind.ConfigureImmediateEnable,
        PsmoKind.SetFallbackAttribute => EuiccResultKind.SetFallbackAttribute,
        PsmoKind.UnsetFallbackAttribute => EuiccResultKind.UnsetFallbackAttribute,
        PsmoKind.SetDefaultDpAddress => EuiccResultKind.SetDefaultDpAddress,
        _ => null,
    };

    private static EuiccResultKind? ExpectedResult(EcoKind kind) => kind switch
    {
        EcoKind.AddEim => EuiccResultKind.AddEim,
        EcoKind.DeleteEim => EuiccResultKind.DeleteEim,
        EcoKind.UpdateEim => EuiccResultKind.UpdateEim,
        EcoKind.ListEim => EuiccResultKind.ListEim,
        _ => null,
    };

    private byte[] SelfSignedCertificate()
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(_keyPair.PrivateKeyPkcs8, out _);
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName("EuiccEmulator TEST");
        name.AddCommonName(_options.EimId);
        var request = new CertificateRequest(name.Build(), ecdsa, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // A positive serial of at most 8 bytes: some ASN.1 toolkits decode serials into a 64-bit integer.
        var serial = _options.RandomBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(name.Build(), X509SignatureGenerator.CreateForECDsa(ecdsa), now.AddDays(-1),
            now.AddYears(10), serial);
        return certificate.RawData;
    }
}
