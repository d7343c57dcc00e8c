namespace EuiccEmulator.Conformance;

/// <summary>
/// The SGP.26 test CIs the suite's SM-DP+ and eIM work under, by subject key identifier (SGP.26 §2 CERT.CI.ECDSA),
/// written out so the suite needs nothing from the card it checks to know them.
/// </summary>
public static class TestCis
{
    /// <summary>SKI of the SGP.26 NIST P-256 test CI (CERT_CI_ECDSA_NIST).</summary>
    public static byte[] Sgp26NistSubjectKeyId => Convert.FromHexString("F54172BDF98A95D65CBEB88A38A1C11D800A85C3");

    /// <summary>SKI of the SGP.26 brainpoolP256r1 test CI (CERT_CI_ECDSA_BRP).</summary>
    public static byte[] Sgp26BrainpoolSubjectKeyId => Convert.FromHexString("C0BC70BA36929D43B467FF57570530E57AB8FCD8");
}
