using EuiccEmulator.Rsp.Codes;

namespace EuiccEmulator.Peers.Eim;

/// <summary>Which alternative of eimPublicKeyData / trustedPublicKeyDataTls.</summary>
public enum EimKeyDataKind
{
    /// <summary>[0] SubjectPublicKeyInfo, on the wire A0 + SPKI body.</summary>
    PublicKey = 0,

    /// <summary>[1] Certificate, on the wire A1 + certificate body.</summary>
    Certificate = 1,
}

/// <summary>One eimPublicKeyData or trustedPublicKeyDataTls value, kept as the normal DER (starting 30).</summary>
public sealed record EimKeyData(EimKeyDataKind Kind, byte[] Der)
{
    public static EimKeyData PublicKey(byte[] subjectPublicKeyInfo) => new(EimKeyDataKind.PublicKey, subjectPublicKeyInfo);

    public static EimKeyData Certificate(byte[] certificate) => new(EimKeyDataKind.Certificate, certificate);

    /// <summary><paramref name="outerTag"/> { A0 SPKI body | A1 Certificate body }.</summary>
    // X.680 §31.2.7: the [n] on the CHOICE is explicit; the automatic [0]/[1] on the alternatives are implicit, so 30 becomes A0/A1.
    public byte[] Encode(int outerTag) =>
        TlvCodec.Encode(outerTag, EimDer.Retag(Der, Kind == EimKeyDataKind.PublicKey ? 0xA0 : 0xA1));

    internal static EimKeyData Parse(Tlv outer)
    {
        var inner = TlvCodec.ReadSingle(outer.Value);
        var kind = inner.Tag switch
        {
            0xA0 => EimKeyDataKind.PublicKey,
            0xA1 => EimKeyDataKind.Certificate,
            _ => throw new FormatException($"{outer.Tag:X2}: unknown key data alternative {inner.Tag:X2}"),
        };
        return new EimKeyData(kind, TlvCodec.Encode(0x30, inner.Value.Span));
    }

    public bool Equals(EimKeyData? other) => other is not null && other.Kind == Kind && other.Der.AsSpan().SequenceEqual(Der);

    public override int GetHashCode() => HashCode.Combine(Kind, Der.Length);
}

/// <summary>EimConfigurationData: what the card stores per eIM (AddInitialEim, addEim/updateEim eCOs, GetEimConfigurationData).</summary>
// SGP.32 §2.11.1.1.1; every component carries its own context tag 80..89.
public sealed record EimConfigurationData
{
    /// <summary>associationToken value meaning "card, assign one".</summary>
    // SGP.32 §5.9.4: associationToken -1 asks the eUICC to calculate a token.
    public const long AssignAssociationToken = -1;

    public required string EimId { get; init; }

    public string? EimFqdn { get; init; }

    public EimIdType? EimIdType { get; init; }

    /// <summary>Initial counterValue; packages must carry a greater one.</summary>
    public long? CounterValue { get; init; }

    public long? AssociationToken { get; init; }

    public EimKeyData? EimPublicKeyData { get; init; }

    public EimKeyData? TrustedPublicKeyDataTls { get; init; }

    public EimSupportedProtocols? SupportedProtocols { get; init; }

    /// <summary>euiccCiPKId (SubjectKeyIdentifier, typically 20 bytes).</summary>
    public byte[]? EuiccCiPkId { get; init; }

    public bool IndirectProfileDownload { get; init; }

    /// <summary>The components without the outer tag, in ASN.1 order.</summary>
    public byte[] EncodeBody()
    {
        var parts = new List<byte[]> { EimDer.Utf8(0x80, EimId) };
        if (EimFqdn is not null) parts.Add(EimDer.Utf8(0x81, EimFqdn));
        if (EimIdType is { } type) parts.Add(EimDer.Integer(0x82, (long)type));
        if (CounterValue is { } counter) parts.Add(EimDer.Integer(0x83, counter));
        if (AssociationToken is { } token) parts.Add(EimDer.Integer(0x84, token));
        if (EimPublicKeyData is not null) parts.Add(EimPublicKeyData.Encode(0xA5));
        if (TrustedPublicKeyDataTls is not null) parts.Add(TrustedPublicKeyDataTls.Encode(0xA6));
        if (SupportedProtocols is { } protocols) parts.Add(EimDer.NamedBits(0x87, (uint)protocols));
        if (EuiccCiPkId is not null) parts.Add(TlvCodec.Encode(0x88, EuiccCiPkId));
        if (IndirectProfileDownload) parts.Add(TlvCodec.Encode(0x89, EimDer.Null));
        return [.. parts.SelectMany(p => p)];
    }

    /// <summary>30 { ... }.</summary>
    public byte[] Encode() => Encode(0x30);

    /// <summary>The SEQUENCE under another (implicit) tag, e.g. A8 for addEim, AA for updateEim.</summary>
    public byte[] Encode(int tag) => TlvCodec.Encode(tag, EncodeBody());

    /// <summary>Parses one EimConfigurationData TLV under any outer tag (30, A8, AA).</summary>
    /// <exception cref="FormatException">Malformed or an unknown component.</exception>
    public static EimConfigurationData Parse(ReadOnlyMemory<byte> tlv) => Parse(TlvCodec.ReadSingle(tlv));

    internal static EimConfigurationData Parse(Tlv tlv)
    {
        string? eimId = null, fqdn = null;
        EimIdType? type = null;
        long? counter = null, token = null;
        EimKeyData? key = null, tls = null;
        EimSupportedProtocols? protocols = null;
        byte[]? ciPkId = null;
        var indirect = false;
        var last = -1;
        foreach (var child in tlv.Children())
        {
            var number = child.Tag & 0x1F;
            if (child.Tag is < 0x80 or > 0xBF || number <= last)
                throw new FormatException($"EimConfigurationData: unexpected or misordered {child.Tag:X2}");
            last = number;
            switch (child.Tag)
            {
                case 0x80: eimId = EimDer.ReadUtf8(child); break;
                case 0x81: fqdn = EimDer.ReadUtf8(child); break;
                case 0x82: type = (EimIdType)EimDer.ReadInteger(child); break;
                case 0x83: counter = EimDer.ReadInteger(child); break;
                case 0x84: token = EimDer.ReadInteger(child); break;
                case 0xA5: key = EimKeyData.Parse(child); break;
                case 0xA6: tls = EimKeyData.Parse(child); break;
                case 0x87: protocols = (EimSupportedProtocols)EimDer.ReadNamedBits(child); break;
                case 0x88: ciPkId = child.Value.ToArray(); break;
                case 0x89: indirect = true; break;
                default:
                    // EXTENSIBILITY IMPLIED: later versions add components (e.g. AA); skip them.
                    break;
            }
        }
        return new EimConfigurationData
        {
            EimId = eimId ?? throw new FormatException("EimConfigurationData without eimId (80)"),
            EimFqdn = fqdn,
            EimIdType = type,
            CounterValue = counter,
            AssociationToken = token,
            EimPublicKeyData = key,
            TrustedPublicKeyDataTls = tls,
            SupportedProtocols = protocols,
            EuiccCiPkId = ciPkId,
            IndirectProfileDownload = indirect,
        };
    }
}
