using System.Formats.Asn1;

namespace EuiccEmulator.Rsp.Pki.Internal;

internal readonly record struct SpkiInfo(string AlgorithmOid, string? CurveOid, byte[] Point);

internal readonly record struct CertExtension(string Oid, bool Critical, ReadOnlyMemory<byte> Value);

internal readonly record struct Rdn(string Oid, string Value, ReadOnlyMemory<byte> EncodedSet);

/// <summary>The fields of an X.509 certificate the RSP checks need, read with DER rules.</summary>
internal sealed class ParsedCertificate
{
    public required ReadOnlyMemory<byte> Tbs { get; init; }
    public required string SignatureAlgorithmOid { get; init; }
    public required string TbsSignatureAlgorithmOid { get; init; }
    public required byte[] Signature { get; init; }
    public required ReadOnlyMemory<byte> Issuer { get; init; }
    public required ReadOnlyMemory<byte> Subject { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    public required DateTimeOffset NotAfter { get; init; }
    public required ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; init; }
    public required IReadOnlyList<CertExtension> Extensions { get; init; }

    public CertExtension? Find(string oid)
    {
        foreach (var e in Extensions)
        {
            if (e.Oid == oid)
                return e;
        }
        return null;
    }
}

internal static class X509Der
{
    // RFC 5280 §4.1
    public static ParsedCertificate Split(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var cert = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var tbsEncoded = cert.ReadEncodedValue();
        var sigAlg = ReadAlgorithmOid(cert);
        var signature = cert.ReadBitString(out var unused);
        if (unused != 0)
            throw new AsnContentException("signature BIT STRING has unused bits");
        cert.ThrowIfNotEmpty();

        var tbs = new AsnReader(tbsEncoded, AsnEncodingRules.DER).ReadSequence();
        var version = 0;
        var v0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.PeekTag().HasSameClassAndValue(v0))
        {
            var vr = tbs.ReadSequence(v0);
            if (!vr.TryReadInt32(out version))
                throw new AsnContentException("bad version");
            vr.ThrowIfNotEmpty();
        }
        tbs.ReadIntegerBytes();
        var tbsSigAlg = ReadAlgorithmOid(tbs);
        var issuer = tbs.ReadEncodedValue();
        var validity = tbs.ReadSequence();
        var notBefore = ReadTime(validity);
        var notAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        var subject = tbs.ReadEncodedValue();
        var spki = tbs.ReadEncodedValue();

        var extensions = new List<CertExtension>();
        var uid1 = new Asn1Tag(TagClass.ContextSpecific, 1);
        var uid2 = new Asn1Tag(TagClass.ContextSpecific, 2);
        var ext3 = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(uid1))
            tbs.ReadEncodedValue();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(uid2))
            tbs.ReadEncodedValue();
        if (tbs.HasData)
        {
            if (version != 2)
                throw new AsnContentException("extensions need a v3 certificate");
            var wrapper = tbs.ReadSequence(ext3);
            var list = wrapper.ReadSequence();
            wrapper.ThrowIfNotEmpty();
            while (list.HasData)
            {
                var e = list.ReadSequence();
                var oid = e.ReadObjectIdentifier();
                var critical = e.HasData && e.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && e.ReadBoolean();
                var value = e.ReadOctetString();
                e.ThrowIfNotEmpty();
                extensions.Add(new CertExtension(oid, critical, value));
            }
        }
        tbs.ThrowIfNotEmpty();

        return new ParsedCertificate
        {
            Tbs = tbsEncoded,
            SignatureAlgorithmOid = sigAlg,
            TbsSignatureAlgorithmOid = tbsSigAlg,
            Signature = signature,
            Issuer = issuer,
            Subject = subject,
            NotBefore = notBefore,
            NotAfter = notAfter,
            SubjectPublicKeyInfo = spki,
            Extensions = extensions,
        };
    }

    // RFC 5480 §2
    public static SpkiInfo ReadSpki(ReadOnlySpan<byte> spki)
    {
        var outer = new AsnReader(spki.ToArray(), AsnEncodingRules.DER);
        var seq = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var alg = seq.ReadSequence();
        var algOid = alg.ReadObjectIdentifier();
        string? curveOid = null;
        if (alg.HasData && alg.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            curveOid = alg.ReadObjectIdentifier();
        else if (alg.HasData)
            alg.ReadEncodedValue();
        alg.ThrowIfNotEmpty();
        var point = seq.ReadBitString(out var unused);
        if (unused != 0)
            throw new AsnContentException("public key BIT STRING has unused bits");
        seq.ThrowIfNotEmpty();
        return new SpkiInfo(algOid, curveOid, point);
    }

    // RFC 5280 §4.2.1.2: SubjectKeyIdentifier ::= OCTET STRING
    public static byte[] ReadSubjectKeyId(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var ski = r.ReadOctetString();
        r.ThrowIfNotEmpty();
        return ski;
    }

    // RFC 5280 §4.2.1.1: keyIdentifier [0] IMPLICIT OCTET STRING
    public static byte[]? ReadAuthorityKeyId(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var seq = r.ReadSequence();
        r.ThrowIfNotEmpty();
        byte[]? keyId = null;
        var t0 = new Asn1Tag(TagClass.ContextSpecific, 0);
        while (seq.HasData)
        {
            if (seq.PeekTag().HasSameClassAndValue(t0))
                keyId = seq.ReadOctetString(t0);
            else
                seq.ReadEncodedValue();
        }
        return keyId;
    }

    // RFC 5280 §4.2.1.3: KeyUsage ::= BIT STRING; returns the first byte (bits 0-7) and second.
    public static int ReadKeyUsageBits(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var bits = r.ReadBitString(out _);
        r.ThrowIfNotEmpty();
        var result = 0;
        if (bits.Length > 0)
            result |= bits[0] << 8;
        if (bits.Length > 1)
            result |= bits[1];
        return result;
    }

    // KeyUsage bit positions (bit 0 = MSB of the first byte), RFC 5280 §4.2.1.3
    public const int DigitalSignatureBit = 0x8000;
    public const int KeyCertSignBit = 0x0400;
    public const int CrlSignBit = 0x0200;

    // RFC 5280 §4.2.1.4
    public static List<string> ReadPolicyOids(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var seq = r.ReadSequence();
        r.ThrowIfNotEmpty();
        var oids = new List<string>();
        while (seq.HasData)
        {
            var info = seq.ReadSequence();
            oids.Add(info.ReadObjectIdentifier());
        }
        return oids;
    }

    // RFC 5280 §4.2.1.6: registeredID [8] IMPLICIT OBJECT IDENTIFIER
    public static string? ReadRegisteredId(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var seq = r.ReadSequence();
        r.ThrowIfNotEmpty();
        var t8 = new Asn1Tag(TagClass.ContextSpecific, 8);
        while (seq.HasData)
        {
            if (seq.PeekTag().HasSameClassAndValue(t8))
                return seq.ReadObjectIdentifier(t8);
            seq.ReadEncodedValue();
        }
        return null;
    }

    // RFC 5280 §4.2.1.9
    public static bool ReadIsCa(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var seq = r.ReadSequence();
        return seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && seq.ReadBoolean();
    }

    /// <summary>The directoryName entries of the permitted subtrees, each as its list of RDNs.</summary>
    // RFC 5280 §4.2.1.10; SGP.22 §4.5.2.1.0.2 uses DirName {O, serialNumber prefix}.
    public static List<List<Rdn>> ReadPermittedDirectoryNames(ReadOnlyMemory<byte> value)
    {
        var r = new AsnReader(value, AsnEncodingRules.DER);
        var seq = r.ReadSequence();
        r.ThrowIfNotEmpty();
        var result = new List<List<Rdn>>();
        var permitted = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var dirName = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
        while (seq.HasData)
        {
            if (!seq.PeekTag().HasSameClassAndValue(permitted))
            {
                seq.ReadEncodedValue();
                continue;
            }
            var subtrees = seq.ReadSequence(permitted);
            while (subtrees.HasData)
            {
                var subtree = subtrees.ReadSequence();
                if (subtree.PeekTag().HasSameClassAndValue(dirName))
                {
                    var explicitName = subtree.ReadSequence(dirName);
                    result.Add(ReadName(explicitName.ReadEncodedValue()));
                }
            }
        }
        return result;
    }

    // RFC 5280 §4.1.2.4: Name ::= SEQUENCE OF SET OF AttributeTypeAndValue
    public static List<Rdn> ReadName(ReadOnlyMemory<byte> name)
    {
        var r = new AsnReader(name, AsnEncodingRules.DER);
        var seq = r.ReadSequence();
        r.ThrowIfNotEmpty();
        var rdns = new List<Rdn>();
        while (seq.HasData)
        {
            var setEncoded = seq.ReadEncodedValue();
            var set = new AsnReader(setEncoded, AsnEncodingRules.DER).ReadSetOf();
            while (set.HasData)
            {
                var atv = set.ReadSequence();
                var oid = atv.ReadObjectIdentifier();
                var tag = atv.PeekTag();
                var raw = atv.ReadEncodedValue();
                rdns.Add(new Rdn(oid, AttributeText(tag, raw), setEncoded));
            }
        }
        return rdns;
    }

    private static string AttributeText(Asn1Tag tag, ReadOnlyMemory<byte> raw)
    {
        if (tag.TagClass == TagClass.Universal)
        {
            try
            {
                return new AsnReader(raw, AsnEncodingRules.DER).ReadCharacterString((UniversalTagNumber)tag.TagValue);
            }
            catch (ArgumentException)
            {
                // not a character string type: fall through to hex
            }
        }
        return Convert.ToHexString(raw.Span);
    }

    private static string ReadAlgorithmOid(AsnReader reader)
    {
        var alg = reader.ReadSequence();
        var oid = alg.ReadObjectIdentifier();
        if (alg.HasData)
        {
            // ecdsa-with-SHA256 has absent parameters (RFC 5758 §3.2); tolerate NULL from other signers.
            alg.ReadNull();
        }
        alg.ThrowIfNotEmpty();
        return oid;
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime)
            ? reader.ReadUtcTime()
            : reader.ReadGeneralizedTime();
}
