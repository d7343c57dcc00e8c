using System.Security.Cryptography;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Peers;

/// <summary>Configuration of a <see cref="TestSmdp"/>.</summary>
public sealed record TestSmdpOptions
{
    public const string DefaultAddress = "testsmdpplus1.example.com";

    /// <summary>Curve of the SGP.26 certificates and of the session keys.</summary>
    public EcCurve Curve { get; init; } = EcCurve.NistP256;

    /// <summary>SM-DP+ address (serverAddress, and the notification address the card should echo).</summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary>Which SGP.26 test SM-DP+ when <see cref="DpAuth"/> / <see cref="DpPb"/> are not given.</summary>
    public Sgp26Server Server { get; init; } = Sgp26Server.SmDpPlus;

    /// <summary>CERT.DPauth and its key; default: SGP.26 for <see cref="Server"/> and <see cref="Curve"/>.</summary>
    public TestServerKey? DpAuth { get; init; }

    /// <summary>CERT.DPpb and its key; default: SGP.26 for <see cref="Server"/> and <see cref="Curve"/>.</summary>
    public TestServerKey? DpPb { get; init; }

    /// <summary>
    /// CI certificate that issued the server certificates and must have issued CERT.EUM; default: SGP.26
    /// CI of <see cref="Curve"/>.
    /// </summary>
    public byte[]? CiCertificate { get; init; }

    /// <summary>euiccCiPKIdToBeUsed; default: the SKI of <see cref="CiCertificate"/>.</summary>
    public byte[]? EuiccCiPkIdToBeUsed { get; init; }

    /// <summary>CRT hostId (1..16 bytes); default: 16 random bytes per BPP.</summary>
    public byte[]? HostId { get; init; }

    /// <summary>Source of transaction IDs, challenges and host IDs; default: the system CSPRNG.</summary>
    public Func<int, byte[]> RandomBytes { get; init; } = RandomNumberGenerator.GetBytes;

    public SmdpFaults Faults { get; init; } = SmdpFaults.None;

    /// <summary>Options for an SM-DP+ whose DPauth/DPpb are freshly issued under a private CI.</summary>
    public static TestSmdpOptions ForPrivateCi(CiBundle ci, string smdpOid = "2.999.10", string address = DefaultAddress)
    {
        ArgumentNullException.ThrowIfNull(ci);
        return new TestSmdpOptions
        {
            Curve = ci.Curve,
            Address = address,
            CiCertificate = ci.CiCertificate.ToArray(),
            DpAuth = ci.IssueServerCertificate(RspRole.DpAuth, smdpOid, "EuiccEmulator TEST", "TEST SM-DP+ DPauth"),
            DpPb = ci.IssueServerCertificate(RspRole.DpPb, smdpOid, "EuiccEmulator TEST", "TEST SM-DP+ DPpb"),
        };
    }
}
