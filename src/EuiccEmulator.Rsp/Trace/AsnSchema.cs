namespace EuiccEmulator.Rsp.Trace;

/// <summary>How a primitive value is shown.</summary>
public enum ValueKind
{
    /// <summary>Hex bytes.</summary>
    Hex,
    /// <summary>An INTEGER.</summary>
    Integer,
    /// <summary>A UTF8String.</summary>
    Utf8,
    /// <summary>A BOOLEAN.</summary>
    Boolean,
    /// <summary>NULL.</summary>
    Null,
    /// <summary>An OBJECT IDENTIFIER.</summary>
    Oid,
    /// <summary>A BIT STRING, by its named bits.</summary>
    Bits,
    /// <summary>A VersionType (major.minor.revision).</summary>
    Version,
    /// <summary>An EID.</summary>
    Eid,
    /// <summary>An ICCID (nibble-swapped BCD).</summary>
    Iccid,
    /// <summary>A certificate, by its subject.</summary>
    Certificate,
}

/// <summary>A type of the ES10 ASN.1 modules, reduced to what decoding by tag needs.</summary>
internal abstract record AsnType;

/// <summary>A SEQUENCE (or SET): components are matched by tag, in order, so two components may share a tag.</summary>
internal sealed record SeqType(IReadOnlyList<AsnField> Fields) : AsnType;

/// <summary>A CHOICE: the alternative is the one whose tag the value carries.</summary>
internal sealed record ChoiceType(IReadOnlyList<AsnField> Alternatives) : AsnType;

/// <summary>A SEQUENCE OF: every element is decoded as <see cref="Element"/>.</summary>
internal sealed record SeqOfType(AsnField Element) : AsnType;

/// <summary>A primitive: how to show it, and the names of its values or bits.</summary>
internal sealed record PrimType(ValueKind Kind, IReadOnlyDictionary<long, string>? Names = null) : AsnType;

/// <summary>A component: the tag it has on the wire (as the tag bytes read big-endian, e.g. 0xBF51), its name and type.</summary>
/// <remarks>For a SEQUENCE OF element that is an untagged CHOICE, <see cref="Tag"/> is -1 and the alternative decides.</remarks>
internal sealed record AsnField(int Tag, string Name, AsnType Type);

/// <summary>Builders that keep the schema tables short.</summary>
internal static class Asn
{
    public static SeqType Seq(params AsnField[] fields) => new(fields);

    public static ChoiceType Choice(params AsnField[] alternatives) => new(alternatives);

    public static SeqOfType SeqOf(AsnField element) => new(element);

    public static AsnField F(int tag, string name, AsnType type) => new(tag, name, type);

    public static readonly PrimType Hex = new(ValueKind.Hex);
    public static readonly PrimType Int = new(ValueKind.Integer);
    public static readonly PrimType Utf8 = new(ValueKind.Utf8);
    public static readonly PrimType Bool = new(ValueKind.Boolean);
    public static readonly PrimType Null = new(ValueKind.Null);
    public static readonly PrimType Oid = new(ValueKind.Oid);
    public static readonly PrimType Ver = new(ValueKind.Version);
    public static readonly PrimType Eid = new(ValueKind.Eid);
    public static readonly PrimType Iccid = new(ValueKind.Iccid);
    public static readonly PrimType Cert = new(ValueKind.Certificate);

    /// <summary>An INTEGER with named values, given as "0 ok, 1 nothingToDelete, 127 undefinedError".</summary>
    public static PrimType Named(string names) => new(ValueKind.Integer, Parse(names));

    /// <summary>A BIT STRING with named bits, given as "0 enable, 1 disable".</summary>
    public static PrimType Bits(string names) => new(ValueKind.Bits, Parse(names));

    private static Dictionary<long, string> Parse(string names)
    {
        var result = new Dictionary<long, string>();
        foreach (var item in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = item.IndexOf(' ', StringComparison.Ordinal);
            result[long.Parse(item[..space], System.Globalization.CultureInfo.InvariantCulture)] = item[(space + 1)..];
        }
        return result;
    }
}
