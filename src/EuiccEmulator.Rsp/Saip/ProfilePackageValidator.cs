using System.Formats.Asn1;
using System.Globalization;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>
/// Checks the PEs of one package in arrival order: header first and supported, structure, PE identification,
/// mandated PEs, template OIDs, EF.ICCID against the header, end last.
/// </summary>
// SAIP v3.3.1 §8.1 (header), §8.2 (PE processing); docs/saip.md#installation-steps.
internal sealed class ProfilePackageValidator
{
    private const int MaxNesting = 32;
    private readonly SaipCapabilities _capabilities;
    private readonly HashSet<int> _identifications = [];
    private readonly HashSet<int> _seenTypes = [];
    private readonly List<ProfileElementInfo> _elements = [];
    private ProfileHeaderInfo? _header;
    private bool _iotSeen;
    private long _size;

    public ProfilePackageValidator(SaipCapabilities? capabilities = null) =>
        _capabilities = capabilities ?? SaipCapabilities.Default;

    public ProfileHeaderInfo? Header => _header;

    public bool EndSeen { get; private set; }

    public int Count => _elements.Count;

    /// <summary>Checks the next PE.</summary>
    /// <exception cref="SaipException">The PE breaks a rule; the error names it.</exception>
    public void Check(ProfileElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var tag = element.Tag;
        if (EndSeen) Fail(element, PeStatusCode.InvalidRequestFormat, "PE after the end PE");
        CheckDer(element);

        if (_header is null)
        {
            // SAIP v3.3.1 §8.1: the ProfileHeader is the first PE.
            if (tag != (int)ProfileElementType.Header)
                Fail(element, PeStatusCode.InvalidRequestFormat, $"first PE is {element.Name}, expected header");
            _header = ProfileHeaderInfo.Decode(element.Encoded);
            CheckHeader(element, _header);
            Record(element);
            return;
        }
        if (tag == (int)ProfileElementType.Header) Fail(element, PeStatusCode.InvalidRequestFormat, "second header PE");

        if (!ProfileElementTypes.IsKnown(tag) || ProfileElementTypes.IsReserved(tag))
        {
            // EXTENSIBILITY IMPLIED: a PE this version does not define is skipped unless it is mandated.
            if (element.Mandated) Fail(element, PeStatusCode.PeNotSupported, $"mandated PE {element.Name} is not supported");
            CheckIdentification(element, required: false);
            Record(element);
            return;
        }
        CheckIdentification(element, required: true);
        if (!_capabilities.Elements.Contains(tag))
        {
            if (element.Mandated) Fail(element, PeStatusCode.PeNotSupported, $"mandated PE {element.Name} is not supported");
            Record(element);
            return;
        }

        // SAIP v3.3.1 §8.3: in a classic profile PE-MF directly follows the header.
        if (_elements.Count == 1 && _header.IotPix is null && tag != (int)ProfileElementType.Mf)
            Fail(element, PeStatusCode.InvalidRequestFormat, $"second PE is {element.Name}, expected mf");
        if (tag == (int)ProfileElementType.Mf && _seenTypes.Contains(tag))
            Fail(element, PeStatusCode.InvalidRequestFormat, "second mf PE");
        if (ProfileElementTypes.Parent(tag) is { } parent && !_seenTypes.Contains(parent))
        {
            Fail(element, PeStatusCode.InvalidRequestFormat,
                $"{element.Name} before its mandatory PE {ProfileElementTypes.Name(parent)}");
        }

        if (tag is (int)ProfileElementType.Iot or (int)ProfileElementType.OptIot)
        {
            if (!_capabilities.IotMinimal)
                Fail(element, PeStatusCode.FeatureNotSupported, "IoT Minimal Profiles are not supported");
            _iotSeen = true;
        }
        if (ProfileElementTypes.IsTemplate(tag)) CheckTemplate(element);
        if (tag is (int)ProfileElementType.Mf or (int)ProfileElementType.Iot) CheckEfIccid(element, _header.Iccid);
        if (tag == (int)ProfileElementType.End) EndSeen = true;
        Record(element);
    }

    /// <summary>Ends the package and returns its summary.</summary>
    /// <exception cref="SaipException">No header, or no end PE.</exception>
    public ProfilePackageSummary Finish()
    {
        if (_header is null)
            throw new SaipException(new SaipError(PeStatusCode.InvalidRequestFormat, null, null, null, "empty package: no header PE"));
        if (!EndSeen)
            throw new SaipException(new SaipError(PeStatusCode.InvalidRequestFormat, null, null, _size, "package has no end PE"));
        return new ProfilePackageSummary
        {
            Iccid = _header.Iccid,
            MajorVersion = _header.MajorVersion,
            MinorVersion = _header.MinorVersion,
            ProfileType = _header.ProfileType,
            IsIotMinimal = _header.IotPix is not null || _iotSeen,
            IotPix = _header.IotPix,
            MandatoryServices = _header.MandatoryServices,
            MandatoryTemplates = _header.MandatoryTemplates,
            Elements = _elements.ToArray(),
            Size = _size,
        };
    }

    private void Record(ProfileElement element)
    {
        _seenTypes.Add(element.Tag);
        _size += element.Size;
        _elements.Add(
            new ProfileElementInfo(element.Tag, element.Name, element.Identification, element.Mandated, element.Size, element.Offset));
    }

    private void CheckHeader(ProfileElement element, ProfileHeaderInfo header)
    {
        var v = header.MajorVersion.ToString(CultureInfo.InvariantCulture) + "."
            + header.MinorVersion.ToString(CultureInfo.InvariantCulture);
        if (!_capabilities.Versions.TryGetValue(header.MajorVersion, out var maxMinor) || header.MinorVersion > maxMinor)
            Fail(element, PeStatusCode.UnsupportedProfileVersion, $"SAIP version {v} is not supported");
        foreach (var number in header.UnknownServices)
            Fail(element, PeStatusCode.FeatureNotSupported, $"unknown mandatory service [{number.ToString(CultureInfo.InvariantCulture)}]");
        foreach (var service in header.MandatoryServices)
        {
            if (!_capabilities.Services.Contains(service))
                Fail(element, PeStatusCode.FeatureNotSupported, $"mandatory service {service.AsnName()} is not supported");
        }

        foreach (var oid in header.MandatoryTemplates)
        {
            if (!TemplateOids.All.Contains(oid))
                Fail(element, PeStatusCode.TemplateNotSupported, $"mandatory template {oid} is unknown");
            if (!_capabilities.Templates.Contains(oid))
                Fail(element, PeStatusCode.TemplateNotSupported, $"mandatory template {oid} is not supported");
        }
        foreach (var aid in header.MandatoryAids)
        {
            if (!_capabilities.Aids.Contains(Convert.ToHexString(aid.Aid)))
                Fail(element, PeStatusCode.LibNotSupported, $"mandatory AID {Convert.ToHexString(aid.Aid)} is not present");
        }

        if (header.IotPix is not null && !_capabilities.IotMinimal)
            Fail(element, PeStatusCode.FeatureNotSupported, "IoT Minimal Profiles are not supported");
    }

    private void CheckIdentification(ProfileElement element, bool required)
    {
        if (element.Identification is not { } id)
        {
            if (required) Fail(element, PeStatusCode.InvalidRequestFormat, "missing or malformed PEHeader");
            return;
        }
        // PEDefinitions PEHeader.identification UInt15.
        if (id > 32767) Fail(element, PeStatusCode.BadValues, "identification beyond UInt15");
        if (!_identifications.Add(id))
            Fail(element, PeStatusCode.BadValues, $"identification {id.ToString(CultureInfo.InvariantCulture)} already used");
    }

    private void CheckTemplate(ProfileElement element)
    {
        var content = element.Content;
        DerHeader.TryRead(content.Span, out _, out var hl, out var length);
        var rest = content[(hl + (int)length)..];
        string oid;
        try
        {
            oid = AsnDecoder.ReadObjectIdentifier(rest.Span, AsnEncodingRules.DER, out _, Tags.Ctx(1));
        }
        catch (AsnContentException)
        {
            Fail(element, PeStatusCode.InvalidRequestFormat, "templateID missing or malformed");
            return;
        }
        if (!TemplateOids.All.Contains(oid))
            Fail(element, PeStatusCode.TemplateNotSupported, $"template {oid} is unknown");
        if (!_capabilities.Templates.Contains(oid))
            Fail(element, PeStatusCode.TemplateNotSupported, $"template {oid} is not supported");
    }

    // PE-MF and PE-IoT both carry ef-iccid as component [4] (A4); its content is the EF coding (nibble-swapped).
    private static void CheckEfIccid(ProfileElement element, Iccid headerIccid)
    {
        var content = element.Content.Span;
        while (!content.IsEmpty)
        {
            DerHeader.TryRead(content, out var tag, out var hl, out var length);
            var body = content.Slice(hl, (int)length);
            content = content[(hl + (int)length)..];
            if (tag != 0xA4) continue;
            if (FirstFill(body) is not { } fill) return;
            if (fill.Length < 10) Fail(element, PeStatusCode.BadValues, "EF.ICCID content shorter than 10 bytes");
            if (!Iccid.TryFromSwappedBcd(fill[..10], out var fileIccid))
                Fail(element, PeStatusCode.BadValues, $"EF.ICCID {Convert.ToHexString(fill[..10])} is not a BCD ICCID");
            if (fileIccid.Digits != headerIccid.Digits)
                Fail(element, PeStatusCode.BadValues, $"EF.ICCID {fileIccid} differs from header ICCID {headerIccid}");
            return;
        }
    }

    // File ::= SEQUENCE OF CHOICE {80 doNotCreate, A1 fcp, 82 fillFileOffset, 83 fillFileContent}: the bytes at offset 0.
    private static byte[]? FirstFill(ReadOnlySpan<byte> file)
    {
        while (!file.IsEmpty)
        {
            DerHeader.TryRead(file, out var tag, out var hl, out var length);
            var value = file.Slice(hl, (int)length);
            file = file[(hl + (int)length)..];
            if (tag == 0x82) return null;
            if (tag == 0x83) return value.ToArray();
        }
        return null;
    }

    // X.690 §10.1: every nested TLV definite, minimal, and exactly filling its parent.
    private static void CheckDer(ProfileElement element)
    {
        if (!IsWellFormed(element.Content.Span, 0))
            Fail(element, PeStatusCode.InvalidRequestFormat, "PE content is not well-formed DER");
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> data, int depth)
    {
        if (depth > MaxNesting) return false;
        while (!data.IsEmpty)
        {
            if (DerHeader.TryRead(data, out _, out var hl, out var length) != DerHeaderStatus.Ok) return false;
            if (length > data.Length - hl) return false;
            var constructed = (data[0] & 0x20) != 0;
            if (constructed && !IsWellFormed(data.Slice(hl, (int)length), depth + 1)) return false;
            data = data[(hl + (int)length)..];
        }
        return true;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(ProfileElement element, PeStatusCode code, string message) =>
        throw new SaipException(new SaipError(code, element.Identification, element.Tag, element.Offset, message));
}
