namespace EuiccEmulator.Rsp.Pki.Internal;

/// <summary>The EUM name-constraint rule for eUICC certificates.</summary>
// SGP.22 §4.5.2.1.0.2: the eUICC subject O must be a permitted O and its serialNumber (EID) must start with the permitted prefix.
internal static class EumConstraint
{
    /// <summary>Null when the EID and organisation are permitted, otherwise a one-line reason.</summary>
    public static string? Check(ParsedCertificate eum, string? organization, string eid)
    {
        var ext = eum.Find(RspOids.NameConstraints);
        if (ext is null)
            return null;
        var names = X509Der.ReadPermittedDirectoryNames(ext.Value.Value);
        if (names.Count == 0)
            return null;
        foreach (var name in names)
        {
            var orgOk = true;
            var prefixOk = true;
            foreach (var rdn in name)
            {
                if (rdn.Oid == RspOids.OrganizationName)
                    orgOk &= string.Equals(rdn.Value, organization, StringComparison.Ordinal);
                else if (rdn.Oid == RspOids.SerialNumber)
                    prefixOk &= eid.StartsWith(rdn.Value, StringComparison.Ordinal);
            }
            if (orgOk && prefixOk)
                return null;
        }
        return $"EID {eid} with O={organization ?? "(none)"} is outside the EUM name constraint (permitted: {Describe(names)})";
    }

    public static string Describe(List<List<Rdn>> names) =>
        string.Join("; ", names.Select(n => string.Join(", ", n.Select(r => r.Oid switch
        {
            RspOids.OrganizationName => $"O={r.Value}",
            RspOids.SerialNumber => $"serialNumber prefix {r.Value}",
            _ => $"{r.Oid}={r.Value}",
        }))));

    /// <summary>The first permitted (O, serialNumber prefix), or nulls when the EUM has no DirName constraint.</summary>
    public static (string? Organization, string? EidPrefix) FirstPermitted(ParsedCertificate eum)
    {
        var ext = eum.Find(RspOids.NameConstraints);
        if (ext is null)
            return (null, null);
        var names = X509Der.ReadPermittedDirectoryNames(ext.Value.Value);
        if (names.Count == 0)
            return (null, null);
        var org = names[0].FirstOrDefault(r => r.Oid == RspOids.OrganizationName).Value;
        var prefix = names[0].FirstOrDefault(r => r.Oid == RspOids.SerialNumber).Value;
        return (org, prefix);
    }

    public static string? SubjectValue(ParsedCertificate cert, string oid) =>
        X509Der.ReadName(cert.Subject).FirstOrDefault(r => r.Oid == oid).Value;
}
