using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;
using EuiccEmulator.State;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Card.Tests.Ecasd;

// SGP.22 §2.6.5 (docs/crypto.md#signature-encoding): ECDSA-SHA256 as plain r||s; two implementations must agree.
public sealed class SignatureTests
{
    // Data signed for the known-answer vectors below (ASCII).
    private const string KnownData = "EuiccEmulator ECDSA known-answer vector";

    // RFC 6979 (deterministic k, HMAC-SHA256) signatures over KnownData with the SGP.26
    // SK_S_SM_DPauth_ECDSA_{NIST,BRP} keys, computed once and committed; OpenSSL's deterministic
    // ECDSA produced the same bytes and `openssl dgst -verify` accepted them.
    private const string KnownNistRs = "25645AAB38F55F4B0E0E4F150B1368834FE068DDCEB5ED0736181B8EF651D330B7243080535429138E876BD85B0C9CA5"
        + "396096E27A2B9CD1E6093E3FFC66A821";
    private const string KnownBrpRs = "1D06DDA921207E0078BDC1711EDF29B97DCDF8C9ECDAE9AA280A3144B9D3EFAC287DE33BD4F875977B453EF2D3005CB824"
        + "F9F5A93B863D28B1F9AF3DB896F10C";

    private static CardIdentityRecord Identity(EcCurve curve) => curve == EcCurve.NistP256
        ? CardIdentityFactory.Create(EidGenerator.Generate())
        : CardIdentityFactory.Create(EidGenerator.Generate(),
            new CardIdentityOptions { Chains = [PrivateCiFactory.Create(new PrivateCiOptions { Curve = curve })] });

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Sign_DotNet_VerifiedByBouncyCastle(EcCurve curve)
    {
        using var ecasd = new EcasdDomain(Identity(curve));
        var chain = ecasd.DefaultChain;
        var data = new byte[300];
        Random.Shared.NextBytes(data);

        var rs = ecasd.Sign(chain, data);

        Assert.Equal(64, rs.Length);
        Assert.Equal(curve, chain.Curve);
        Assert.True(BcEcdsa.VerifyRs(curve, chain.EuiccPublicKey.Point.Span, data, rs));
        Assert.True(EcasdDomain.Verify(chain.EuiccCertificate.Span, data, rs));
        data[0] ^= 1;
        Assert.False(BcEcdsa.VerifyRs(curve, chain.EuiccPublicKey.Point.Span, data, rs));
        Assert.False(EcasdDomain.Verify(chain.EuiccPublicKey, data, rs));
    }

    [Theory]
    [InlineData(EcCurve.NistP256, false)]
    [InlineData(EcCurve.BrainpoolP256r1, false)]
    [InlineData(EcCurve.NistP256, true)]
    [InlineData(EcCurve.BrainpoolP256r1, true)]
    public void Sign_BouncyCastle_VerifiedByDotNet(EcCurve curve, bool deterministic)
    {
        var identity = Identity(curve);
        var chain = identity.SigningChains[0];
        using var ecasd = new EcasdDomain(identity);
        var data = "euiccSigned1 stand-in"u8.ToArray();

        var rs = BcEcdsa.SignRs(chain.EuiccPrivateKeyPkcs8, data, deterministic);

        Assert.Equal(64, rs.Length);
        Assert.True(EcasdDomain.Verify(ecasd.DefaultChain.EuiccPublicKey, data, rs));
        Assert.False(EcasdDomain.Verify(ecasd.DefaultChain.EuiccPublicKey, "other"u8, rs));
    }

    [Theory]
    [InlineData(EcCurve.NistP256, KnownNistRs)]
    [InlineData(EcCurve.BrainpoolP256r1, KnownBrpRs)]
    public void KnownAnswer_Sgp26DpAuthKey_VerifiedByBothImplementations(EcCurve curve, string rsHex)
    {
        var dp = TestPki.DpAuth(curve);
        var key = EcPublicKey.FromCertificate(dp.Certificate);
        var data = System.Text.Encoding.ASCII.GetBytes(KnownData);
        var rs = Convert.FromHexString(rsHex);

        Assert.True(key.Verify(data, rs));
        Assert.True(BcEcdsa.VerifyRs(curve, key.Point.Span, data, rs));
        Assert.Equal(rsHex, Convert.ToHexString(BcEcdsa.SignRs(dp.PrivateKeyPkcs8, data, deterministic: true)));
        rs[10] ^= 0x40;
        Assert.False(key.Verify(data, rs));
        Assert.False(BcEcdsa.VerifyRs(curve, key.Point.Span, data, rs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(72)]
    public void Verify_SignatureNot64Bytes_False(int length)
    {
        using var ecasd = new EcasdDomain(Identity(EcCurve.NistP256));
        var rs = ecasd.Sign("data"u8);

        var wrong = new byte[length];
        rs.AsSpan(0, Math.Min(length, rs.Length)).CopyTo(wrong);

        Assert.False(EcasdDomain.Verify(ecasd.DefaultChain.EuiccPublicKey, "data"u8, wrong));
        Assert.False(BcEcdsa.VerifyRs(EcCurve.NistP256, ecasd.DefaultChain.EuiccPublicKey.Point.Span, "data"u8, wrong));
        Assert.True(EcasdDomain.Verify(ecasd.DefaultChain.EuiccPublicKey, "data"u8, rs));
    }

    [Fact]
    public void Sign_ChainOfAnotherEcasd_ArgumentException()
    {
        using var a = new EcasdDomain(Identity(EcCurve.NistP256));
        using var b = new EcasdDomain(Identity(EcCurve.NistP256));

        Assert.Throws<ArgumentException>(() => a.Sign(b.DefaultChain, "x"u8));
    }

    [Fact]
    public void Sign_ManySignatures_AllVerifyAndDiffer()
    {
        using var ecasd = new EcasdDomain(Identity(EcCurve.NistP256));
        var data = "same data"u8.ToArray();

        var signatures = Enumerable.Range(0, 200).Select(_ => ecasd.Sign(data)).ToList();

        Assert.All(signatures, rs => Assert.True(ecasd.DefaultChain.EuiccPublicKey.Verify(data, rs)));
        Assert.Equal(200, signatures.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Ecasd_Sgp26Identity_ExposesSkiListsAndCertificates()
    {
        var identity = CardIdentityFactory.Create(EidGenerator.Generate());
        using var ecasd = new EcasdDomain(identity);

        Assert.Equal(identity.Eid, ecasd.Eid.Digits);
        Assert.Equal([Certs.CiNistSki], ecasd.SigningCiSkis.Select(Hex.Of));
        Assert.Equal([Certs.CiNistSki, Certs.CiBrpSki], ecasd.VerificationCiSkis.Select(Hex.Of));
        Assert.Same(ecasd.DefaultChain, ecasd.FindChain(Hex.Bytes(Certs.CiNistSki)));
        Assert.Null(ecasd.FindChain(Hex.Bytes(Certs.CiBrpSki)));
        Assert.Equal(TestPki.CiCertificate(EcCurve.BrainpoolP256r1), ecasd.FindTrustedCi(Hex.Bytes(Certs.CiBrpSki)).ToArray());
        Assert.True(ecasd.FindTrustedCi(new byte[20]).IsEmpty);
        Assert.Equal(identity.SigningChains[0].EuiccCertificate, ecasd.DefaultChain.EuiccCertificate.ToArray());
        Assert.Equal(identity.SigningChains[0].EumCertificate, ecasd.DefaultChain.EumCertificate.ToArray());
    }

    [Fact]
    public void Ecasd_TwoChains_SignsWithTheChosenChain()
    {
        var privateCi = PrivateCiFactory.Create(new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 });
        using var ecasd = new EcasdDomain(
            CardIdentityFactory.Create(EidGenerator.Generate(), new CardIdentityOptions { Chains = [TestPki.Sgp26Nist, privateCi] }));
        var chain = ecasd.FindChain(privateCi.CiSubjectKeyId.Span)!;

        var rs = ecasd.Sign(chain, "data"u8);

        Assert.Equal(EcCurve.BrainpoolP256r1, chain.Curve);
        Assert.True(chain.EuiccPublicKey.Verify("data"u8, rs));
        Assert.False(ecasd.DefaultChain.EuiccPublicKey.Verify("data"u8, rs));
    }

    [Fact]
    public void Ecasd_KeyNotMatchingCertificate_Refused()
    {
        var a = CardIdentityFactory.Create(EidGenerator.Generate());
        var b = CardIdentityFactory.Create(EidGenerator.Generate());
        var mixed = a with { SigningChains = [a.SigningChains[0] with { EuiccPrivateKeyPkcs8 = b.SigningChains[0].EuiccPrivateKeyPkcs8 }] };

        var e = Assert.Throws<ArgumentException>(() => new EcasdDomain(mixed));
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EcasdDomain_PrivateKey_NotReachableThroughPublicSurface()
    {
        var publicMembers = typeof(EcasdDomain)
            .GetMembers(
                System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static);
        var chainMembers = typeof(EcasdChain).GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance);

        var leaking = publicMembers.Concat(chainMembers)
            .Where(m =>
                m is System.Reflection.PropertyInfo p
                    && (p.PropertyType == typeof(EcSigningKey) || p.PropertyType == typeof(System.Security.Cryptography.ECDsa))
                || m.Name.Contains("Private", StringComparison.Ordinal) || m.Name.Contains("Export", StringComparison.Ordinal))
            .Select(m => m.Name)
            .ToList();
        Assert.NotEmpty(publicMembers);
        Assert.Empty(leaking);
    }

    [Theory]
    [InlineData(EcCurve.NistP256)]
    [InlineData(EcCurve.BrainpoolP256r1)]
    public void Ecdh_DotNetAndBouncyCastle_SameSharedSecret(EcCurve curve)
    {
        using var ecasd = new EcasdDomain(Identity(EcCurve.NistP256));
        using var card = ecasd.GenerateEphemeralKeyPair(curve);
        using var server = EcSigningKey.Generate(curve);

        var cardSide = card.DeriveSharedSecret(server.PublicKey.Point.Span);
        var serverSide = BcEcdsa.SharedSecret(server.ExportPkcs8(), card.PublicPoint.Span);

        Assert.Equal(32, cardSide.Length);
        Assert.Equal(Convert.ToHexString(serverSide), Convert.ToHexString(cardSide));
        Assert.Equal(65, card.PublicPoint.Length);
        Assert.Equal(0x04, card.PublicPoint.Span[0]);
        Assert.Equal(Convert.ToHexString(BcEcdsa.PublicPoint(server.ExportPkcs8())), Hex.Of(server.PublicKey.Point));
    }

    [Fact]
    public void Ecdh_PointNotOnCurve_Refused()
    {
        using var card = EcdhKeyPair.Generate(EcCurve.NistP256);
        var bad = card.PublicPoint.ToArray();
        bad[^1] ^= 0x01;

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => card.DeriveSharedSecret(bad));
    }
}
