using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers.Eim;

/// <summary>The Psmo CHOICE alternatives.</summary>
public enum PsmoKind
{
    Enable,
    Disable,
    Delete,
    ListProfileInfo,
    GetRat,
    ConfigureImmediateEnable,
    SetFallbackAttribute,
    UnsetFallbackAttribute,
    SetDefaultDpAddress,

    /// <summary>Caller-supplied bytes (e.g. an unknown or damaged command).</summary>
    Raw,
}

/// <summary>The Eco CHOICE alternatives.</summary>
public enum EcoKind
{
    AddEim,
    DeleteEim,
    UpdateEim,
    ListEim,

    /// <summary>Caller-supplied bytes.</summary>
    Raw,
}

/// <summary>One Profile State Management Operation, already DER-encoded with its CHOICE tag.</summary>
// SGP.32 §2.11.1.1.3 Psmo: every alternative carries an explicit [n] in the ASN.1, applied implicitly.
public sealed class Psmo
{
    private readonly byte[] _encoded;

    private Psmo(PsmoKind kind, byte[] encoded)
    {
        Kind = kind;
        _encoded = encoded;
    }

    public PsmoKind Kind { get; }

    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>A3 { 5A iccid, 05 00 rollbackFlag? }; rollbackFlag keeps its universal tag because iccid is tagged.</summary>
    public static Psmo Enable(Iccid iccid, bool rollbackFlag = false) =>
        new(PsmoKind.Enable, rollbackFlag
            ? TlvCodec.Constructed(0xA3, IccidDo(iccid), [0x05, 0x00])
            : TlvCodec.Constructed(0xA3, IccidDo(iccid)));

    /// <summary>A4 { 5A iccid }.</summary>
    public static Psmo Disable(Iccid iccid) => new(PsmoKind.Disable, TlvCodec.Constructed(0xA4, IccidDo(iccid)));

    /// <summary>A5 { 5A iccid }.</summary>
    public static Psmo Delete(Iccid iccid) => new(PsmoKind.Delete, TlvCodec.Constructed(0xA5, IccidDo(iccid)));

    /// <summary>BF2D ProfileInfoListRequest { A0 { 4F aid | 5A iccid | 95 class }?, 5C tagList? } (SGP.22 §5.7.15).</summary>
    /// <remarks>At most one of <paramref name="iccid"/>, <paramref name="isdpAid"/>, <paramref name="profileClass"/>.</remarks>
    public static Psmo ListProfileInfo(Iccid? iccid = null, byte[]? isdpAid = null, int? profileClass = null, byte[]? tagList = null)
    {
        var criteria = (iccid is null ? 0 : 1) + (isdpAid is null ? 0 : 1) + (profileClass is null ? 0 : 1);
        if (criteria > 1) throw new ArgumentException("searchCriteria is a CHOICE: give at most one criterion");
        var parts = new List<byte[]>();
        if (iccid is { } i) parts.Add(TlvCodec.Constructed(0xA0, IccidDo(i)));
        if (isdpAid is not null) parts.Add(TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x4F, isdpAid)));
        if (profileClass is { } c) parts.Add(TlvCodec.Constructed(0xA0, EimDer.Integer(0x95, c)));
        if (tagList is not null) parts.Add(TlvCodec.Encode(0x5C, tagList));
        return new(PsmoKind.ListProfileInfo, TlvCodec.Constructed(0xBF2D, parts));
    }

    /// <summary>A6 00.</summary>
    public static Psmo GetRat() => new(PsmoKind.GetRat, [0xA6, 0x00]);

    /// <summary>A7 { 80 00 immediateEnableFlag?, 81 defaultSmdpOid?, 82 defaultSmdpAddress? }.</summary>
    public static Psmo ConfigureImmediateEnable(
        bool immediateEnableFlag, string? defaultSmdpOid = null, string? defaultSmdpAddress = null) =>
        new(PsmoKind.ConfigureImmediateEnable,
            TlvCodec.Constructed(0xA7, ImmediateEnableBody(immediateEnableFlag, defaultSmdpOid, defaultSmdpAddress)));

    /// <summary>A8 { 5A iccid } (v1.1+).</summary>
    public static Psmo SetFallbackAttribute(Iccid iccid) => new(PsmoKind.SetFallbackAttribute, TlvCodec.Constructed(0xA8, IccidDo(iccid)));

    /// <summary>A9 00 (v1.1+).</summary>
    public static Psmo UnsetFallbackAttribute() => new(PsmoKind.UnsetFallbackAttribute, [0xA9, 0x00]);

    /// <summary>BF65 { 80 defaultDpAddress } (v1.2).</summary>
    public static Psmo SetDefaultDpAddress(string address) =>
        new(PsmoKind.SetDefaultDpAddress, TlvCodec.Constructed(0xBF65, EimDer.Utf8(0x80, address)));

    /// <summary>Any bytes in place of a PSMO (fault injection).</summary>
    public static Psmo Raw(byte[] encoded) => new(PsmoKind.Raw, [.. encoded]);

    public override string ToString() => $"{Kind} {Convert.ToHexString(_encoded)}";

    internal static byte[] IccidDo(Iccid iccid) => TlvCodec.Encode(0x5A, iccid.ToSwappedBcd());

    internal static byte[] ImmediateEnableBody(bool flag, string? oid, string? address)
    {
        var parts = new List<byte[]>();
        if (flag) parts.Add([0x80, 0x00]);
        if (oid is not null) parts.Add(EimDer.Oid(1, oid));
        if (address is not null) parts.Add(EimDer.Utf8(0x82, address));
        return [.. parts.SelectMany(p => p)];
    }
}

/// <summary>One eIM Configuration Operation, already DER-encoded with its CHOICE tag.</summary>
// SGP.32 §2.11.1.1.2 Eco.
public sealed class Eco
{
    private readonly byte[] _encoded;

    private Eco(EcoKind kind, byte[] encoded)
    {
        Kind = kind;
        _encoded = encoded;
    }

    public EcoKind Kind { get; }

    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>A8 { EimConfigurationData components }.</summary>
    public static Eco AddEim(EimConfigurationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(EcoKind.AddEim, data.Encode(0xA8));
    }

    /// <summary>A9 { 80 eimId }.</summary>
    public static Eco DeleteEim(string eimId) => new(EcoKind.DeleteEim, TlvCodec.Constructed(0xA9, EimDer.Utf8(0x80, eimId)));

    /// <summary>AA { EimConfigurationData components }.</summary>
    public static Eco UpdateEim(EimConfigurationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(EcoKind.UpdateEim, data.Encode(0xAA));
    }

    /// <summary>AB 00.</summary>
    public static Eco ListEim() => new(EcoKind.ListEim, [0xAB, 0x00]);

    public static Eco Raw(byte[] encoded) => new(EcoKind.Raw, [.. encoded]);

    public override string ToString() => $"{Kind} {Convert.ToHexString(_encoded)}";
}
