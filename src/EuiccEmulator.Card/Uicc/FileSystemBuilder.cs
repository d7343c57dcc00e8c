using System.Formats.Asn1;
using System.Globalization;
using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// Builds a profile's file system from its unprotected profile package: template PEs instantiate their SAIP
/// templates with the PE's overrides, PE-GenericFileManagement creates further files, PE-PINCodes/PE-PUKCodes set
/// the PINs, PE-AKAParameter attaches to its NAA.
/// </summary>
// SAIP v3.3.1 §8.3 (file system PEs), §8.3.5 (GenericFileManagement), §8.3.6/8.3.7 (PIN/PUK), Annex A (templates).
internal sealed class FileSystemBuilder
{
    private readonly TemplateCatalog _catalog;
    private readonly Dictionary<string, UiccFile> _lastAdfByType = new(StringComparer.Ordinal);
    private UiccFileSystem? _fs;
    private UiccFile? _lastAdf;
    private UiccFile? _context;
    private byte[]? _iotPix;
    private UiccFile? _iotAdf;

    private FileSystemBuilder(TemplateCatalog catalog) => _catalog = catalog;

    /// <summary>Builds the file system of a package; throws <see cref="FileSystemException"/> on a broken one.</summary>
    public static UiccFileSystem Build(ReadOnlySpan<byte> package, TemplateCatalog? catalog = null)
    {
        IReadOnlyList<ProfileElement> elements;
        try
        {
            elements = ProfileElementReader.ReadAll(package);
        }
        catch (SaipException e)
        {
            throw new FileSystemException("package: " + e.Message);
        }
        return Build(elements, catalog);
    }

    public static UiccFileSystem Build(IReadOnlyList<ProfileElement> elements, TemplateCatalog? catalog = null)
    {
        var builder = new FileSystemBuilder(catalog ?? TemplateCatalog.Default);
        try
        {
            foreach (var pe in elements) builder.Add(pe);
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException or InvalidOperationException)
        {
            throw new FileSystemException("malformed PE: " + e.Message);
        }
        var fs = builder._fs ?? throw new FileSystemException("the package has no PE-MF");
        if (builder._iotAdf is { } iotAdf) IotMinimalDefaults.Complete(fs, iotAdf);
        ResolveLinks(fs);
        return fs;
    }

    private UiccFileSystem Fs => _fs ?? throw new FileSystemException("a file system PE comes before PE-MF");

    private void Add(ProfileElement pe)
    {
        if (ProfileElementTypes.IsTemplate(pe.Tag))
        {
            TemplatePe(pe);
            return;
        }
        switch ((ProfileElementType)pe.Tag)
        {
            case ProfileElementType.Header:
                // SAIP v3.3.1 §7.5: an IoT Minimal Profile's USIM AID is the 3GPP RID with the header's iotOptions pix.
                try
                {
                    _iotPix = ProfileHeaderInfo.Decode(pe.Encoded).IotPix;
                }
                catch (SaipException)
                {
                    _iotPix = null;
                }
                break;
            case ProfileElementType.GenericFileManagement:
                GenericFileManagement(pe);
                break;
            case ProfileElementType.PinCodes:
                PinCodes(pe);
                break;
            case ProfileElementType.PukCodes:
                PukCodes(pe);
                break;
            case ProfileElementType.AkaParameter:
                if (_lastAdf is { } adf) adf.AkaParameter = pe.Content.ToArray();
                break;
            case ProfileElementType.Application:
                _fs?.Applications.Add(pe.Encoded);
                break;
        }
    }

    // ---- template PEs ----

    private void TemplatePe(ProfileElement pe)
    {
        if (!PeComponents.ByTag.TryGetValue(pe.Tag, out var names)) return;
        var reader = new AsnReader(pe.Content, AsnEncodingRules.BER);
        string? oid = null;
        var components = new Dictionary<string, List<FileItem>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue >= names.Length)
            {
                reader.ReadEncodedValue();
                continue;
            }
            switch (tag.TagValue)
            {
                case 0:
                    reader.ReadEncodedValue();
                    break;
                case 1:
                    oid = reader.ReadObjectIdentifier(tag);
                    break;
                default:
                    var name = names[tag.TagValue];
                    components[name] = ReadFile(reader.ReadSequence(tag));
                    order.Add(name);
                    break;
            }
        }
        var template = (oid is null ? null : _catalog.Find(oid))
            ?? throw new FileSystemException($"{pe.Name}: unknown template {oid}");
        if (pe.Tag == (int)ProfileElementType.Iot)
        {
            IotPe(pe, template, components, order);
            return;
        }
        var isMf = pe.Tag == (int)ProfileElementType.Mf;

        UiccFile? baseDf;
        var baseParent = (UiccFile?)null;
        var first = 0;
        if (template.Extends is { } extended)
        {
            var type = _catalog.Find(extended)?.PeType ?? "usim";
            baseDf = _lastAdfByType.GetValueOrDefault(type)
                ?? throw new FileSystemException($"{pe.Name}: no {type} ADF to extend");
        }
        else
        {
            baseDf = null;
            baseParent = template.ParentPath switch
            {
                null => null,
                "3F00" => Fs.Mf,
                "ADF.USIM" => _lastAdfByType.GetValueOrDefault("usim"),
                "ADF.ISIM" => _lastAdfByType.GetValueOrDefault("isim"),
                _ => _lastAdf,
            };
            if (!isMf && baseParent is null) throw new FileSystemException($"{pe.Name}: its parent DF does not exist");
        }

        for (var i = 0; i < template.Files.Count; i++)
        {
            var tf = template.Files[i];
            var items = components.GetValueOrDefault(tf.Name);
            var isBase = i == first && template.Extends is null;
            if (items is null && !isBase && !(template.CreatedByDefault && tf.Mandatory)) continue;
            if (items is not null && !isMf && items.Any(it => it.Kind == FileItemKind.DoNotCreate)) continue;
            components.Remove(tf.Name);
            var fcp = items?.LastOrDefault(it => it.Kind == FileItemKind.Fcp)?.Fcp;
            UiccFile? parent;
            if (isBase) parent = isMf ? null : baseParent;
            else if (tf.ParentFid is { } sub) parent = baseDf!.Child(sub) ?? baseDf!;
            else parent = baseDf!;
            var file = Create(tf, fcp, parent, generic: false);
            if (file is null) continue;
            Fill(file, tf, fcp, items);
            if (isBase)
            {
                baseDf = file;
                if (file.Kind == FileKind.Adf)
                {
                    _lastAdf = file;
                    _lastAdfByType[template.PeType] = file;
                }
            }
        }
        // Components without a usable template entry: created from the PE's own Fcp when it is complete.
        foreach (var name in order)
        {
            if (!components.TryGetValue(name, out var items)) continue;
            var fcp = items.LastOrDefault(it => it.Kind == FileItemKind.Fcp)?.Fcp;
            if (fcp?.FileId is null || fcp.FileDescriptor is null || baseDf is null) continue;
            var file = Create(null, fcp, baseDf, generic: true);
            if (file is not null) Fill(file, null, fcp, items);
        }
        _context = baseDf;
    }

    // PE-IoT (SAIP v3.3.1 §7.5, §8.3): one PE creates the MF with its EFs, then ADF.USIM (AID: 3GPP RID || pix) with
    // its EFs; the template's MF and ADF rows are the two base DFs.
    private void IotPe(ProfileElement pe, Template template, Dictionary<string, List<FileItem>> components, List<string> order)
    {
        UiccFile? dir = null;
        foreach (var tf in template.Files)
        {
            var items = components.GetValueOrDefault(tf.Name);
            components.Remove(tf.Name);
            var fcp = items?.LastOrDefault(it => it.Kind == FileItemKind.Fcp)?.Fcp;
            if (tf.Kind == FileKind.Mf)
            {
                dir = Create(tf, fcp, null, generic: false) ?? throw new FileSystemException($"{pe.Name}: no MF");
                dir.PinKeyReferences ??= IotMinimalDefaults.PinStatusTemplate;
                continue;
            }
            if (dir is null) throw new FileSystemException($"{pe.Name}: {tf.Name} before the MF");
            if (tf.Kind == FileKind.Adf)
            {
                var aid = fcp?.DfName ?? (_iotPix is { } pix ? [.. IotMinimalDefaults.Rid, .. pix]
                    : throw new FileSystemException($"{pe.Name}: no dfName and no iotOptions pix in the header"));
                dir = Create(tf, fcp, Fs.Mf, generic: false, aid, fcp?.FileId ?? IotMinimalDefaults.TemporaryAdfFid)!;
                dir.PinKeyReferences ??= IotMinimalDefaults.PinStatusTemplate;
                _lastAdf = _iotAdf = dir;
                _lastAdfByType["usim"] = _lastAdfByType[template.PeType] = dir;
                continue;
            }
            if (items is not null && items.Any(it => it.Kind == FileItemKind.DoNotCreate)) continue;
            if (items is null && !tf.Mandatory) continue;
            var file = Create(tf, fcp, dir, generic: false);
            if (file is not null) Fill(file, tf, fcp, items);
        }
        if (_iotAdf is null) throw new FileSystemException($"{pe.Name}: no ADF.USIM");
        foreach (var name in order)
        {
            if (!components.TryGetValue(name, out var items)) continue;
            var fcp = items.LastOrDefault(it => it.Kind == FileItemKind.Fcp)?.Fcp;
            if (fcp?.FileId is null || fcp.FileDescriptor is null) continue;
            var file = Create(null, fcp, _iotAdf, generic: true);
            if (file is not null) Fill(file, null, fcp, items);
        }
        _context = _iotAdf;
    }

    private enum FileItemKind
    {
        DoNotCreate,
        Fcp,
        Offset,
        Content,
    }

    private sealed record FileItem(FileItemKind Kind, Fcp? Fcp = null, int Offset = 0, byte[]? Content = null);

    // File ::= SEQUENCE OF CHOICE { doNotCreate [0], fileDescriptor [1] Fcp, fillFileOffset [2], fillFileContent [3] }
    private static List<FileItem> ReadFile(AsnReader file)
    {
        var items = new List<FileItem>();
        while (file.HasData)
        {
            var tag = file.PeekTag();
            switch (tag.TagValue)
            {
                case 0:
                    file.ReadNull(tag);
                    items.Add(new FileItem(FileItemKind.DoNotCreate));
                    break;
                case 1:
                    items.Add(new FileItem(FileItemKind.Fcp, Fcp.Read(file.ReadSequence(tag))));
                    break;
                case 2:
                    items.Add(new FileItem(FileItemKind.Offset, Offset: ReadUInt16(file, tag)));
                    break;
                case 3:
                    items.Add(new FileItem(FileItemKind.Content, Content: file.ReadOctetString(tag)));
                    break;
                default:
                    file.ReadEncodedValue();
                    break;
            }
        }
        return items;
    }

    private static int ReadUInt16(AsnReader reader, Asn1Tag tag)
    {
        if (!reader.TryReadInt32(out var value, tag) || value is < 0 or > 0xFFFF)
            throw new FileSystemException("fillFileOffset out of range");
        return value;
    }

    // ---- file creation ----

    private UiccFile? Create(TemplateFile? tf, Fcp? fcp, UiccFile? parent, bool generic, byte[]? aid = null,
        ushort? temporaryFid = null)
    {
        var kind = fcp?.FileDescriptor is { Length: > 0 } fdb ? KindOf(fdb[0]) : tf?.Kind;
        if (tf is { Kind: FileKind.Adf or FileKind.Mf }) kind = tf.Kind;
        var fid = fcp?.FileId ?? tf?.Fid ?? temporaryFid;
        if (kind is null || fid is null) return null; // e.g. unverified CSIM entries without a FID
        var name = tf?.Name ?? "fid-" + fid.Value.ToString("X4", CultureInfo.InvariantCulture);
        // A template file the PE leaves unsized and whose table gives no size (unverified CSIM rows) is not created.
        // A record file the PE names with its record length but whose count neither PE nor table gives (unverified
        // CSIM rows): one record, so that the file the profile names exists.
        var oneRecordFallback = kind is FileKind.LinearFixed or FileKind.Cyclic && fcp is not null && !generic
            && fcp.EfFileSize is null && tf?.RecordCount is null && tf?.Size is null
            && (fcp.FileDescriptor is { Length: 4 } || tf?.RecordLength is > 0);
        if (kind is not (FileKind.Mf or FileKind.Df or FileKind.Adf or FileKind.BerTlv) && fcp?.LinkPath is not { Length: > 0 }
            && fcp?.EfFileSize is null && tf?.Size is null && tf?.RecordCount is null && !oneRecordFallback)
        {
            if (generic) throw new FileSystemException($"{name}: EF without a size");
            return null;
        }
        var file = new UiccFile(fid.Value, kind.Value, name);
        if (file.Kind == FileKind.Adf)
        {
            file.Aid = fcp?.DfName ?? aid ?? throw new FileSystemException($"{name}: ADF without dfName");
            file.AttachTo(Fs.Mf);
            Fs.Adfs.Add(file);
        }
        else if (file.Kind == FileKind.Mf)
        {
            if (_fs is not null) throw new FileSystemException("a second MF");
            _fs = new UiccFileSystem(file);
        }
        else if (parent is not null)
        {
            var existing = parent.Child(file.Fid);
            if (existing is not null)
            {
                // A PE may re-state a file another PE created (e.g. a DF before its GenericFileManagement content).
                if (existing.IsDirectory && file.IsDirectory) return existing;
                throw new FileSystemException($"{name}: FID {file.Fid:X4} exists twice in {parent}");
            }
            parent.Add(file);
        }
        else
        {
            throw new FileSystemException($"{name}: no parent DF");
        }

        file.Lcsi = fcp?.Lcsi ?? 0x05;
        file.SpecialInfo = fcp?.SpecialFileInformation ?? (byte)(tf?.HighUpdate == true ? 0x80 : 0x00);
        file.PinKeyReferences = fcp?.PinStatusTemplate;
        file.LinkPath = fcp?.LinkPath is { Length: > 0 } link ? link : null;
        // Access rule: 3 bytes ARR FID + record, 1 byte record with the FID implied (SAIP Fcp comment).
        if (fcp?.SecurityAttributes is { Length: 3 } sa)
        {
            file.ArrFid = (ushort)(sa[0] << 8 | sa[1]);
            file.ArrRecord = sa[2];
        }
        else if (fcp?.SecurityAttributes is { Length: 1 } sr)
        {
            var underMf = file.IsDirectory || file.Parent is null || file.Parent.Kind == FileKind.Mf;
            file.ArrFid = underMf ? (ushort)0x2F06 : (ushort)0x6F06;
            file.ArrRecord = sr[0];
        }
        else if (tf is not null)
        {
            file.ArrFid = tf.ArrFid;
            file.ArrRecord = tf.ArrRecord;
        }
        if (file.IsDirectory) return file;

        // SFI: absent keeps the template's (or, for generic files, b5..b1 of the FID); empty means none.
        file.Sfi = fcp?.ShortEfid switch
        {
            { Length: 0 } => null,
            { Length: 1 } s => s[0] >> 3 is var v and > 0 ? v : null,
            _ => generic || tf is null ? (file.Fid & 0x1F) is var low and > 0 ? low : null : tf.Sfi,
        };
        if (file.IsRecord)
        {
            file.RecordLength = fcp?.FileDescriptor is { Length: 4 } fd ? fd[2] << 8 | fd[3] : tf?.RecordLength ?? 0;
            if (file.RecordLength <= 0) throw new FileSystemException($"{name}: record file without a record length");
        }
        var size = file.Kind == FileKind.BerTlv
            ? fcp?.ProprietaryMaxSize() ?? fcp?.EfFileSize ?? tf?.Size ?? 0
            : fcp?.EfFileSize ?? tf?.Size ?? (file.IsRecord && tf?.RecordCount is { } n ? n * file.RecordLength : (int?)null)
                ?? (oneRecordFallback ? file.RecordLength : (int?)null);
        if (size is null && file.LinkPath is null) throw new FileSystemException($"{name}: EF without a size");
        size ??= 0;
        if (size > 0xFFFF) throw new FileSystemException($"{name}: size {size} out of range");
        if (file.IsRecord && size % file.RecordLength != 0)
            throw new FileSystemException($"{name}: size {size} is not a multiple of the record length {file.RecordLength}");
        file.Data = new byte[size.Value];
        return file;
    }

    // ETSI TS 102 221 §11.1.1.4.3 file descriptor byte.
    private static FileKind? KindOf(byte fdb)
    {
        if ((fdb & 0x38) == 0x38) return (fdb & 0x07) == 1 ? FileKind.BerTlv : FileKind.Df;
        return (fdb & 0x07) switch
        {
            1 => FileKind.Transparent,
            2 => FileKind.LinearFixed,
            6 => FileKind.Cyclic,
            _ => null,
        };
    }

    // Fill pattern first (PE, else template default, else 'FF'), then the content items at a moving cursor.
    private static void Fill(UiccFile file, TemplateFile? tf, Fcp? fcp, List<FileItem>? items)
    {
        if (file.IsDirectory || file.Kind == FileKind.BerTlv || file.LinkPath is not null) return;
        var data = file.Data;
        var unit = file.IsRecord ? file.RecordLength : data.Length;
        if (unit > 0)
        {
            for (var start = 0; start < data.Length; start += unit)
            {
                var span = data.AsSpan(start, unit);
                if (fcp?.FillPattern is { Length: > 0 } fill) FillPattern(span, fill, []);
                else if (fcp?.RepeatPattern is { Length: > 0 } repeat) RepeatPattern(span, repeat);
                else if (tf?.DefaultContent is { } text) DefaultContent(span, text, tf.DefaultRepeat);
                else span.Fill(0xFF);
            }
        }
        if (items is not null) WriteItems(file, items);
    }

    private static void WriteItems(UiccFile file, List<FileItem> items)
    {
        var data = file.Data;
        var cursor = 0;
        foreach (var item in items)
        {
            if (item.Kind == FileItemKind.Offset)
            {
                cursor += item.Offset;
            }
            else if (item.Kind == FileItemKind.Content)
            {
                var content = item.Content!;
                if (cursor + content.Length > data.Length)
                    throw new FileSystemException($"{file.Name}: content beyond the end of the file");
                content.CopyTo(data, cursor);
                cursor += content.Length;
            }
        }
    }

    // ETSI TS 102 222 §6.3: fill pattern, the last byte repeated to the end.
    private static void FillPattern(Span<byte> target, ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> suffix)
    {
        for (var i = 0; i < target.Length; i++) target[i] = i < pattern.Length ? pattern[i] : pattern[^1];
        if (suffix.Length > 0 && suffix.Length <= target.Length) suffix.CopyTo(target[^suffix.Length..]);
    }

    private static void RepeatPattern(Span<byte> target, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i < target.Length; i++) target[i] = pattern[i % pattern.Length];
    }

    // Template notation: 'AB...CD' = AB, the last byte of AB repeated, CD at the end; plain hex = the content.
    private static void DefaultContent(Span<byte> target, string text, bool repeat)
    {
        var dots = text.IndexOf("...", StringComparison.Ordinal);
        if (dots >= 0)
        {
            var prefix = Convert.FromHexString(text[..dots]);
            var suffix = Convert.FromHexString(text[(dots + 3)..]);
            FillPattern(target, prefix.Length > 0 ? prefix : [0xFF], suffix);
            return;
        }
        var bytes = Convert.FromHexString(text);
        if (bytes.Length == 0) target.Fill(0xFF);
        else if (repeat) RepeatPattern(target, bytes);
        else FillPattern(target, bytes, []);
    }

    // ---- PE-GenericFileManagement ----

    // FileManagement ::= SEQUENCE OF CHOICE { filePath [0], createFCP [APPLICATION 2] Fcp, fillFileOffset UInt16,
    // fillFileContent [1] }; filePath is from the MF, ADFs by temporary FID.
    private void GenericFileManagement(ProfileElement pe)
    {
        var reader = new AsnReader(pe.Content, AsnEncodingRules.BER);
        reader.ReadEncodedValue(); // gfm-header
        var commands = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1));
        while (commands.HasData)
        {
            var command = commands.ReadSequence();
            var directory = Fs.Mf;
            UiccFile? current = null;
            var cursor = 0;
            while (command.HasData)
            {
                var tag = command.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 0)
                {
                    var path = command.ReadOctetString(tag);
                    directory = Fs.Resolve(path) ?? throw new FileSystemException(
                        $"{pe}: filePath {Convert.ToHexString(path)} does not exist");
                    if (!directory.IsDirectory) throw new FileSystemException($"{pe}: filePath names an EF");
                    current = null;
                }
                else if (tag.TagClass == TagClass.Application && tag.TagValue == 2)
                {
                    var fcp = Fcp.Read(command.ReadSequence(tag));
                    current = Create(null, fcp, directory, generic: true);
                    cursor = 0;
                    if (current is null) throw new FileSystemException($"{pe}: createFCP without FID or descriptor");
                    if (current.IsDirectory) directory = current; // ETSI TS 102 222 §6.3: a created DF becomes current
                    else if (current.LinkPath is null) Fill(current, null, fcp, null);
                }
                else if (tag.TagClass == TagClass.Universal && tag.TagValue == 2
                    || tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 2)
                {
                    cursor += ReadUInt16(command, tag);
                }
                else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
                {
                    var content = command.ReadOctetString(tag);
                    if (current is null || current.IsDirectory) throw new FileSystemException($"{pe}: content without a file");
                    if (cursor + content.Length > current.Data.Length)
                        throw new FileSystemException($"{pe}: content beyond the end of {current}");
                    content.CopyTo(current.Data, cursor);
                    cursor += content.Length;
                }
                else
                {
                    command.ReadEncodedValue();
                }
            }
        }
    }

    // ---- PINs and PUKs ----

    // PE-PINCodes: pinCodes CHOICE { pinconfig [0] SEQUENCE OF PINConfiguration, filePath [1] }.
    private void PinCodes(ProfileElement pe)
    {
        var reader = new AsnReader(pe.Content, AsnEncodingRules.BER);
        reader.ReadEncodedValue();
        var choice = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1));
        var tag = choice.PeekTag();
        var context = _context ?? Fs.Mf;
        if (tag.TagValue == 1)
        {
            // Shared with another DF/ADF: the same table (temporary FID path).
            var shared = Fs.Resolve(choice.ReadOctetString(tag));
            if (shared is not null) context.LocalPins = shared.LocalPins ??= new PinTable { Scope = shared.Key };
            return;
        }
        var list = choice.ReadSequence(tag);
        while (list.HasData)
        {
            var config = list.ReadSequence();
            byte keyReference = 0;
            byte[] value = [];
            byte? unblock = null;
            byte attributes = 7;
            var attempts = 0x33;
            while (config.HasData)
            {
                var t = config.PeekTag();
                switch (t.TagValue)
                {
                    case 0: keyReference = (byte)ReadSmall(config, t); break;
                    case 1: value = config.ReadOctetString(t); break;
                    case 2: unblock = (byte)ReadSmall(config, t); break;
                    case 3: attributes = (byte)ReadSmall(config, t); break;
                    case 4: attempts = ReadSmall(config, t); break;
                    default: config.ReadEncodedValue(); break;
                }
            }
            if (value.Length != 8) throw new FileSystemException($"{pe}: PIN {keyReference:X2} is not 8 bytes");
            var pin = new Pin
            {
                KeyReference = keyReference,
                Value = value,
                UnblockReference = unblock,
                Attributes = attributes,
                MaxAttempts = attempts >> 4,
                Remaining = attempts & 0x0F,
            };
            // SAIP §8.3.6 pinAttributes: b2 (0x02) set = the PIN starts enabled; ADM keys are always enabled.
            pin.Enabled = pin.IsAdm || (attributes & 0x02) != 0;
            if ((keyReference & 0x80) == 0) Fs.GlobalPins.Add(pin);
            else (context.LocalPins ??= new PinTable { Scope = context.Key }).Add(pin);
        }
    }

    private void PukCodes(ProfileElement pe)
    {
        var reader = new AsnReader(pe.Content, AsnEncodingRules.BER);
        reader.ReadEncodedValue();
        var list = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1));
        while (list.HasData)
        {
            var config = list.ReadSequence();
            byte keyReference = 0;
            byte[] value = [];
            var attempts = 0xAA;
            while (config.HasData)
            {
                var t = config.PeekTag();
                switch (t.TagValue)
                {
                    case 0: keyReference = (byte)ReadSmall(config, t); break;
                    case 1: value = config.ReadOctetString(t); break;
                    case 2: attempts = ReadSmall(config, t); break;
                    default: config.ReadEncodedValue(); break;
                }
            }
            Fs.Puks[keyReference] = new Puk
            {
                KeyReference = keyReference,
                Value = value,
                MaxAttempts = attempts >> 4,
                Remaining = attempts & 0x0F,
            };
        }
    }

    private static int ReadSmall(AsnReader reader, Asn1Tag tag)
    {
        if (!reader.TryReadInt32(out var value, tag) || value is < 0 or > 255)
            throw new FileSystemException("a PIN/PUK field out of range");
        return value;
    }

    private static void ResolveLinks(UiccFileSystem fs)
    {
        foreach (var file in fs.AllFiles())
        {
            if (file.LinkPath is not { } path) continue;
            var target = fs.Resolve(path);
            // A link to a missing or to another link file keeps an empty content of its own.
            if (target is not null && target != file && target.LinkPath is null && target.Kind == file.Kind)
            {
                file.LinkTarget = target;
                if (file.IsRecord) file.RecordLength = target.RecordLength;
            }
        }
    }
}
