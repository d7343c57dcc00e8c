namespace EuiccEmulator.Rsp.Pki;

/// <summary>Certificate roles; the value is the last arc of the id-rspRole policy OID.</summary>
// SGP.22 §4.5.1 / RSPDefinitions: id-rspRole 2.23.146.1.2.1.
public enum RspRole : byte
{
    /// <summary>Certificate Issuer.</summary>
    Ci = 0,
    /// <summary>eUICC.</summary>
    Euicc = 1,
    /// <summary>eUICC Manufacturer.</summary>
    Eum = 2,
    /// <summary>SM-DP+ TLS server.</summary>
    DpTls = 3,
    /// <summary>SM-DP+ authentication (serverSigned1).</summary>
    DpAuth = 4,
    /// <summary>SM-DP+ profile binding (smdpSigned2, the BPP).</summary>
    DpPb = 5,
    /// <summary>SM-DS TLS server.</summary>
    DsTls = 6,
    /// <summary>SM-DS authentication.</summary>
    DsAuth = 7,
}

/// <summary>OIDs used in the RSP certificate profiles.</summary>
public static class RspOids
{
    // SGP.22 §4.5.1
    /// <summary>id-rspRole: the arc of the role policy OIDs.</summary>
    public const string RspRoleArc = "2.23.146.1.2.1";

    /// <summary>The certificate policy OID of a role.</summary>
    public static string PolicyOid(this RspRole role) =>
        RspRoleArc + "." + ((byte)role).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // RFC 5280 §4.2.1 extension OIDs
    internal const string SubjectKeyIdentifier = "2.5.29.14";
    internal const string KeyUsage = "2.5.29.15";
    internal const string SubjectAltName = "2.5.29.17";
    internal const string BasicConstraints = "2.5.29.19";
    internal const string NameConstraints = "2.5.29.30";
    internal const string CertificatePolicies = "2.5.29.32";
    internal const string AuthorityKeyIdentifier = "2.5.29.35";

    // RFC 5758 §3.2 / RFC 5480 §2.1.1
    internal const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    internal const string EcPublicKey = "1.2.840.10045.2.1";

    // X.520 attribute types
    internal const string CountryName = "2.5.4.6";
    internal const string OrganizationName = "2.5.4.10";
    internal const string SerialNumber = "2.5.4.5";
    internal const string CommonName = "2.5.4.3";
}
