using System.Formats.Asn1;
using System.Numerics;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>EimConfigurationData as received: every field optional, so the card can apply its defaults.</summary>
// SGP.32 §2.11.1.1.1
internal sealed record EimConfiguration
{
    public required string EimId { get; init; }
    public string? Fqdn { get; init; }
    public EimIdType? IdType { get; init; }
    public BigInteger? Counter { get; init; }
    public BigInteger? AssociationToken { get; init; }
    public byte[]? PublicKeyData { get; init; }
    public byte[]? TlsKeyData { get; init; }
    public EimSupportedProtocols? Protocols { get; init; }
    public byte[]? CiSki { get; init; }
    public bool IndirectProfileDownload { get; init; }

    /// <summary>Reads the components of an EimConfigurationData (the reader is positioned inside it).</summary>
    public static EimConfiguration Read(AsnReader fields)
    {
        var config = new EimConfiguration { EimId = fields.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0)) };
        if (config.EimId.Length is < 1 or > 128) throw new AsnContentException("eimId size");
        while (fields.HasData)
        {
            var tag = fields.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                fields.ReadEncodedValue();
                continue;
            }
            config = tag.TagValue switch
            {
                1 => config with { Fqdn = fields.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(1)) },
                2 => config with { IdType = ReadIdType(fields) },
                3 => config with { Counter = fields.ReadInteger(Tags.Ctx(3)) },
                4 => config with { AssociationToken = fields.ReadInteger(Tags.Ctx(4)) },
                5 => config with { PublicKeyData = ReadKeyChoice(fields, 5) },
                6 => config with { TlsKeyData = ReadKeyChoice(fields, 6) },
                7 => config with { Protocols = fields.ReadNamedBitListValue<EimSupportedProtocols>(Tags.Ctx(7)) },
                8 => config with { CiSki = fields.ReadOctetString(Tags.Ctx(8)) },
                9 => ReadIndirect(fields, config),
                _ => Skip(fields, config),
            };
        }
        return config;
    }

    private static EimIdType ReadIdType(AsnReader fields)
    {
        var value = fields.ReadInteger(Tags.Ctx(2));
        return value >= 1 && value <= 3 ? (EimIdType)(int)value : throw new AsnContentException("eimIdType");
    }

    private static EimConfiguration ReadIndirect(AsnReader fields, EimConfiguration config)
    {
        fields.ReadNull(Tags.Ctx(9));
        return config with { IndirectProfileDownload = true };
    }

    private static EimConfiguration Skip(AsnReader fields, EimConfiguration config)
    {
        fields.ReadEncodedValue();
        return config;
    }

    // [n] CHOICE { [0] SubjectPublicKeyInfo, [1] Certificate }: keep the chosen alternative's TLV.
    private static byte[] ReadKeyChoice(AsnReader fields, int tag)
    {
        var choice = fields.ReadSequence(Tags.Ctx(tag, constructed: true));
        var alternative = choice.ReadEncodedValue().ToArray();
        choice.ThrowIfNotEmpty();
        var altTag = Asn1Tag.Decode(alternative, out _);
        if (altTag.TagClass != TagClass.ContextSpecific || altTag.TagValue is not (0 or 1) || !altTag.IsConstructed)
            throw new AsnContentException("key data is neither [0] SubjectPublicKeyInfo nor [1] Certificate");
        return alternative;
    }

    /// <summary>The eIM's signature key from stored eimPublicKeyData (the implicit tag re-tagged to SEQUENCE).</summary>
    public static EcPublicKey? SigningKey(byte[]? publicKeyData)
    {
        if (publicKeyData is null) return null;
        try
        {
            var reader = new AsnReader(publicKeyData, AsnEncodingRules.BER);
            var tag = reader.PeekTag();
            var body = reader.ReadSequence(tag);
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                while (body.HasData) writer.WriteEncodedValue(body.ReadEncodedValue().Span);
            }
            var der = writer.Encode();
            return tag.TagValue == 0 ? EcPublicKey.FromSubjectPublicKeyInfo(der) : EcPublicKey.FromCertificate(der);
        }
        // ArgumentException: BER that is not DER (e.g. a long-form length) inside the key, refused by the DER writer.
        catch (Exception e) when (e is AsnContentException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes a stored eIM as EimConfigurationData with the given outer tag: the fields provisioned, no others.</summary>
    // SGP.32 §5.9.18 returns the stored EimConfigurationData; the card adds no default it was not given.
    public static void Write(AsnWriter writer, EimRecord eim, Asn1Tag tag)
    {
        using (writer.PushSequence(tag))
        {
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, eim.EimId, Tags.Ctx(0));
            if (eim.Fqdn is { } fqdn) writer.WriteCharacterString(UniversalTagNumber.UTF8String, fqdn, Tags.Ctx(1));
            if (eim.IdType is { } type) writer.WriteInteger((int)type, Tags.Ctx(2));
            writer.WriteInteger(eim.Counter, Tags.Ctx(3));
            if (eim.AssociationToken is { } token) writer.WriteInteger(token, Tags.Ctx(4));
            if (eim.PublicKeyData is { } key)
            {
                using (writer.PushSequence(Tags.Ctx(5, constructed: true))) writer.WriteEncodedValue(key);
            }
            if (eim.TlsKeyData is { } tls)
            {
                using (writer.PushSequence(Tags.Ctx(6, constructed: true))) writer.WriteEncodedValue(tls);
            }
            if (eim.Protocols is { } protocols) writer.WriteNamedBitList(protocols, Tags.Ctx(7));
            if (eim.CiSkiProvisioned) writer.WriteOctetString(eim.CiSki, Tags.Ctx(8));
            if (eim.IndirectProfileDownload) writer.WriteNull(Tags.Ctx(9));
        }
    }
}

// SGP.32 §5.9.4 AddInitialEimResponse / AddEimResult codes.
internal enum AddEimResultCode
{
    Ok = 0,
    InsufficientMemory = 1,
    AssociatedEimAlreadyExists = 2,
    CiPKUnknown = 3,
    InvalidAssociationToken = 5,
    CounterValueOutOfRange = 6,
    CommandError = 7,
    UndefinedError = 127,
}
