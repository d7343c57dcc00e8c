using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Support;

/// <summary>One card identity minted under the SGP.26 test EUM, shared by card-level tests.</summary>
internal static class TestIdentity
{
    public const string Eid = "89049032123451234512345678901235";

    private static readonly Lazy<CardIdentityRecord> Cached = new(() => CardIdentityFactory.Create(Rsp.Values.Eid.Parse(Eid)));

    public static CardIdentityRecord Identity => Cached.Value;

    /// <summary>The public half of SK.EUICC, from CERT.EUICC, to verify what the card signs.</summary>
    public static ECDsa EuiccPublicKey
    {
        get
        {
            using var cert = X509CertificateLoader.LoadCertificate(Identity.SigningChains[0].EuiccCertificate);
            return cert.GetECDsaPublicKey()!;
        }
    }
}
