using System.Formats.Asn1;
using System.Globalization;
using System.Text;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>One eUICC-Mandatory-AIDs entry.</summary>
internal sealed record MandatoryAid(byte[] Aid, byte[] Version);

/// <summary>The decoded ProfileHeader PE (A0).</summary>
// SAIP v3.3.1 PEDefinitions ProfileHeader.
internal sealed record ProfileHeaderInfo
{
    // Enum.IsDefined reflects on every call (and its cache is shared with other type lookups): look the tags up once.
    private static readonly System.Collections.Frozen.FrozenSet<int> KnownServices = System.Collections.Frozen.FrozenSet.ToFrozenSet(
        Enum.GetValues<SaipService>().Select(s => (int)s));

    public required int MajorVersion { get; init; }

    public required int MinorVersion { get; init; }

    public string? ProfileType { get; init; }

    /// <summary>ICCID from header tag 83 (plain BCD in the TS.48 packages).</summary>
    public required Iccid Iccid { get; init; }

    public required IReadOnlyList<SaipService> MandatoryServices { get; init; }

    /// <summary>Unknown ServicesList components (context tag numbers beyond this version).</summary>
    public IReadOnlyList<int> UnknownServices { get; init; } = [];

    public required IReadOnlyList<string> MandatoryTemplates { get; init; }

    public IReadOnlyList<MandatoryAid> MandatoryAids { get; init; } = [];

    /// <summary>iotOptions.pix; present only for IoT Minimal Profiles.</summary>
    public byte[]? IotPix { get; init; }

    /// <summary>Decodes the complete header TLV.</summary>
    /// <exception cref="SaipException">Malformed header (invalid-request-format) or bad ICCID (bad-values).</exception>
    public static ProfileHeaderInfo Decode(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            return DecodeCore(encoded);
        }
        catch (Exception ex) when (ex is AsnContentException or DecoderFallbackException or OverflowException)
        {
            throw Error(PeStatusCode.InvalidRequestFormat, "malformed ProfileHeader: " + ex.Message);
        }
    }

    private static ProfileHeaderInfo DecodeCore(ReadOnlyMemory<byte> encoded)
    {
        var outer = new AsnReader(encoded, AsnEncodingRules.DER);
        var seq = outer.ReadSequence(Tags.Ctx(0, true));
        outer.ThrowIfNotEmpty();
        var major = ReadUInt8(seq, 0, "major-version");
        var minor = ReadUInt8(seq, 1, "minor-version");
        string? profileType = null;
        if (seq.HasData && seq.PeekTag() == Tags.Ctx(2))
            profileType = seq.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(2));
        var iccidBytes = seq.ReadOctetString(Tags.Ctx(3));
        // docs/saip.md#profileheader-and-iccid-coding: header 83 is plain BCD in the TS.48 packages; compare digit strings only.
        if (!Iccid.TryFromPlainBcd(iccidBytes, out var iccid))
            throw Error(PeStatusCode.BadValues, $"header iccid {Convert.ToHexString(iccidBytes)} is not a BCD ICCID");
        if (seq.HasData && seq.PeekTag() == Tags.Ctx(4)) seq.ReadOctetString(Tags.Ctx(4));

        var services = new List<SaipService>();
        var unknown = new List<int>();
        var list = seq.ReadSequence(Tags.Ctx(5, true));
        while (list.HasData)
        {
            var tag = list.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.IsConstructed)
                throw Error(PeStatusCode.InvalidRequestFormat, $"ServicesList holds an unexpected tag {tag}");
            list.ReadNull(tag);
            if (KnownServices.Contains(tag.TagValue)) services.Add((SaipService)tag.TagValue);
            else unknown.Add(tag.TagValue);
        }

        var templates = new List<string>();
        var gfste = seq.ReadSequence(Tags.Ctx(6, true));
        while (gfste.HasData) templates.Add(gfste.ReadObjectIdentifier());

        if (seq.HasData && seq.PeekTag() == Tags.Ctx(7)) seq.ReadOctetString(Tags.Ctx(7));
        var aids = new List<MandatoryAid>();
        if (seq.HasData && seq.PeekTag() == Tags.Ctx(8, true))
        {
            var aidList = seq.ReadSequence(Tags.Ctx(8, true));
            while (aidList.HasData)
            {
                var entry = aidList.ReadSequence();
                var aid = entry.ReadOctetString(Tags.Ctx(0));
                var version = entry.ReadOctetString(Tags.Ctx(1));
                aids.Add(new MandatoryAid(aid, version));
            }
        }
        byte[]? pix = null;
        if (seq.HasData && seq.PeekTag() == Tags.Ctx(9, true))
        {
            var iot = seq.ReadSequence(Tags.Ctx(9, true));
            pix = iot.ReadOctetString(Tags.Ctx(0));
            if (pix.Length is < 7 or > 11)
                throw Error(PeStatusCode.BadValues, $"iotOptions pix has {pix.Length} bytes, expected 7..11");
        }
        // EXTENSIBILITY IMPLIED: later components of a newer version are skipped.

        return new ProfileHeaderInfo
        {
            MajorVersion = major,
            MinorVersion = minor,
            ProfileType = profileType,
            Iccid = iccid,
            MandatoryServices = services,
            UnknownServices = unknown,
            MandatoryTemplates = templates,
            MandatoryAids = aids,
            IotPix = pix,
        };
    }

    private static int ReadUInt8(AsnReader reader, int tagNumber, string field)
    {
        if (!reader.TryReadInt32(out var value, Tags.Ctx(tagNumber)) || value is < 0 or > 255)
            throw Error(PeStatusCode.BadValues, field + " is not a UInt8");
        return value;
    }

    private static SaipException Error(PeStatusCode code, string message) =>
        new(new SaipError(code, null, (int)ProfileElementType.Header, 0, message));

    public override string ToString() =>
        $"SAIP {MajorVersion.ToString(CultureInfo.InvariantCulture)}.{MinorVersion.ToString(CultureInfo.InvariantCulture)} ICCID {Iccid}";
}
