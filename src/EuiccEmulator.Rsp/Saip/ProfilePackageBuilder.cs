using System.Formats.Asn1;
using System.Text;
using EuiccEmulator.Iso7816.Ber;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>
/// Generates DER profile packages: a classic USIM profile and an IoT Minimal Profile, optionally padded to an exact size.
/// The output depends only on the parameters.
/// </summary>
// SAIP v3.3.1 PEDefinitions; structure as in docs/saip.md#profile-element-tags (header, file system PEs, PIN/PUK, AKA, end).
public static class ProfilePackageBuilder
{
    // 3GPP TS 31.102 USIM AID (RID A000000087, app code 1002) with the PIX used by the TS.48 test profiles.
    private static readonly byte[] s_usimAid = Convert.FromHexString("A0000000871002FF49FF0589");

    // EF.ARR records (TS 102 221 §9.2.5 expanded format), padded to 32 bytes:
    // 1 read PIN1 / update ADM1, 2 read+update PIN1, 3 read always / update ADM1, 4 read always / update never.
    private static readonly string[] s_arrRecords =
    [
        "800101A406830101950108800102A40683010A950108",
        "800103A406830101950108",
        "8001019000800102A40683010A950108",
        "80010190008001029700",
    ];

    private const int ArrRecordLength = 32;

    /// <summary>Builds a classic USIM profile package.</summary>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static byte[] BuildUsim(UsimProfileParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckKeys(parameters.K, parameters.Opc);
        var imsi = EncodeImsi(parameters.Imsi);
        var pin1 = EncodeSecret(parameters.Pin1, 4, 8, nameof(parameters.Pin1));
        var pin2 = EncodeSecret(parameters.Pin2, 4, 8, nameof(parameters.Pin2));
        var puk1 = EncodeSecret(parameters.Puk1, 8, 8, nameof(parameters.Puk1));
        var puk2 = EncodeSecret(parameters.Puk2, 8, 8, nameof(parameters.Puk2));
        var adm1 = EncodeSecret(parameters.Adm1, 4, 8, nameof(parameters.Adm1));
        var sdKey = parameters.SecurityDomainKey ?? Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        if (sdKey.Length != 16) throw new ArgumentException("SecurityDomainKey must be 16 bytes", nameof(parameters));
        var spn = EncodeSpn(parameters.ServiceProviderName);

        byte[] Build(Filler? padding)
        {
            var elements = new List<byte[]>
            {
                Header(2, 3, parameters.ProfileType, parameters.Iccid.ToPlainBcd(),
                    [SaipService.Usim, SaipService.Milenage], [TemplateOids.Mf, TemplateOids.Usim], null),
                Mf(1, parameters.Iccid.ToSwappedBcd()),
                PukCodes(2, [(0x01, puk1), (0x81, puk2)]),
                // SAIP v3.3.1 PINConfiguration: MF context takes global references only (pinAppl1, adm1).
                PinCodes(3, [new PinSpec(0x01, pin1, 0x01, 6, null), new PinSpec(0x0A, adm1, null, 3, 0xAA)]),
                Usim(4, imsi, spn, AccessClass(parameters.Imsi)),
                // Local PIN2 of the USIM: the PE follows PE-USIM, so the ADF is the current context.
                PinCodes(5, [new PinSpec(0x81, pin2, 0x81, 6, null)]),
                Aka(6, parameters.K, parameters.Opc),
            };
            var next = 7;
            if (parameters.IncludeSecurityDomain) elements.Add(SecurityDomain(next++, sdKey));
            if (padding is not null) elements.Add(FillerElement(next++, padding));
            elements.Add(EndFor(next, padding));
            return Concat(elements);
        }

        return Sized(Build, parameters.TargetSize);
    }

    /// <summary>Builds an IoT Minimal Profile package (header iotOptions, PE-IoT).</summary>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static byte[] BuildIotMinimal(IotProfileParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckKeys(parameters.K, parameters.Opc);
        if (parameters.Pix.Length is < 7 or > 11) throw new ArgumentException("Pix must be 7..11 bytes", nameof(parameters));
        if (parameters.Puk1 is not null && parameters.Pin1 is null)
            throw new ArgumentException("Puk1 needs Pin1", nameof(parameters));
        var imsi = EncodeImsi(parameters.Imsi);
        var pin1 = parameters.Pin1 is null ? null : EncodeSecret(parameters.Pin1, 4, 8, nameof(parameters.Pin1));
        var puk1 = parameters.Puk1 is null ? null : EncodeSecret(parameters.Puk1, 8, 8, nameof(parameters.Puk1));
        var adm1 = parameters.Adm1 is null ? null : EncodeSecret(parameters.Adm1, 4, 8, nameof(parameters.Adm1));

        byte[] Build(Filler? padding)
        {
            var elements = new List<byte[]>
            {
                // SAIP v3.3.1 §7.5: iotOptions announces the IoT Minimal Profile; it needs a v3.3 header.
                Header(3, 3, parameters.ProfileType, parameters.Iccid.ToPlainBcd(),
                    [SaipService.Milenage], [TemplateOids.Iot], parameters.Pix),
                Iot(1, parameters.Iccid.ToSwappedBcd(), imsi, AccessClass(parameters.Imsi)),
            };
            var next = 2;
            if (puk1 is not null) elements.Add(PukCodes(next++, [(0x01, puk1)]));
            var pins = new List<PinSpec>();
            if (pin1 is not null) pins.Add(new PinSpec(0x01, pin1, puk1 is null ? null : 0x01, 6, null));
            if (adm1 is not null) pins.Add(new PinSpec(0x0A, adm1, null, 3, 0xAA));
            if (pins.Count > 0) elements.Add(PinCodes(next++, pins));
            elements.Add(Aka(next++, parameters.K, parameters.Opc));
            if (padding is not null) elements.Add(FillerElement(next++, padding));
            elements.Add(EndFor(next, padding));
            return Concat(elements);
        }

        return Sized(Build, parameters.TargetSize);
    }

    // Pads with a filler EF so the package is exactly targetSize bytes. DER length fields of the filler grow at
    // 128/256/65536 and then skip a total or two; the end PE absorbs that: identification >= 128 takes one more byte
    // (UInt15, only uniqueness matters), leaving out mandated saves two.
    private static byte[] Sized(Func<Filler?, byte[]> build, int? targetSize)
    {
        var bare = build(null);
        if (targetSize is not { } target) return bare;
        var smallest = build(new Filler(1, false, false)).Length;
        if (target < smallest)
            throw new ArgumentOutOfRangeException(nameof(targetSize), $"smallest padded package is {smallest} bytes");
        var first = Math.Max(1, target - smallest - 32);
        for (var length = first; length <= target - bare.Length + 2; length++)
        {
            foreach (var (wideId, optionalEnd) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                if (build(new Filler(length, wideId, optionalEnd)) is var candidate && candidate.Length == target)
                    return candidate;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(targetSize), $"no filler gives exactly {target} bytes");
    }

    /// <summary>Filler EF content length, and the end PE shape used to hit an exact size.</summary>
    private sealed record Filler(int Length, bool WideEndId, bool OptionalEnd);

    private static byte[] EndFor(int id, Filler? filler) =>
        End(filler is { WideEndId: true } ? id + 128 : id, mandated: filler is not { OptionalEnd: true });

    private static byte[] Header(int major, int minor, string profileType, byte[] iccidPlain,
        SaipService[] services, string[] templates, byte[]? pix)
    {
        if (profileType.Length is < 1 or > 100) throw new ArgumentException("ProfileType must be 1..100 characters", nameof(profileType));
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx(0, true)))
        {
            w.WriteInteger(major, Tags.Ctx(0));
            w.WriteInteger(minor, Tags.Ctx(1));
            w.WriteCharacterString(UniversalTagNumber.UTF8String, profileType, Tags.Ctx(2));
            w.WriteOctetString(iccidPlain, Tags.Ctx(3));
            using (w.PushSequence(Tags.Ctx(5, true)))
                foreach (var service in services.Order()) w.WriteNull(Tags.Ctx((int)service));
            using (w.PushSequence(Tags.Ctx(6, true)))
                foreach (var oid in templates) w.WriteObjectIdentifier(oid);
            if (pix is not null)
            {
                using (w.PushSequence(Tags.Ctx(9, true)))
                    w.WriteOctetString(pix, Tags.Ctx(0));
            }
        }
        return w.Encode();
    }

    private static void PeHeader(AsnWriter w, int identification, bool mandated = true)
    {
        using (w.PushSequence(Tags.Ctx(0, true)))
        {
            if (mandated) w.WriteNull(Tags.Ctx(0));
            w.WriteInteger(identification, Tags.Ctx(1));
        }
    }

    private static byte[] Mf(int id, byte[] iccidSwapped)
    {
        var dir = Pad(Convert.FromHexString("61144F0C" + Convert.ToHexString(s_usimAid) + "50045553494D"), 33);
        var arr = ArrContent(s_arrRecords.Length);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.Mf & 0x1F, true)))
        {
            PeHeader(w, id);
            w.WriteObjectIdentifier(TemplateOids.Mf, Tags.Ctx(1));
            File(w, 2, new Fcp { SecurityAttributes = "2F0601", PinStatus = "010A" });
            File(w, 4, new Fcp { Descriptor = "4121", FileId = "2FE2", SecurityAttributes = "2F0604", Size = 10, ShortEfId = "10" },
                iccidSwapped);
            File(w, 5,
                new Fcp { Descriptor = "42210021", FileId = "2F00", SecurityAttributes = "2F0603", Size = dir.Length, ShortEfId = "F0" },
                dir);
            File(w, 6,
                new Fcp { Descriptor = "42210020", FileId = "2F06", SecurityAttributes = "2F0603", Size = arr.Length, ShortEfId = "30" },
                arr);
        }
        return w.Encode();
    }

    private static byte[] Usim(int id, byte[] imsi, byte[] spn, byte[] acc)
    {
        var arr = ArrContent(s_arrRecords.Length);
        // EF.ECC: one record "112", no alpha identifier, no category.
        var ecc = Pad(Convert.FromHexString("11F2FF"), 14);
        ecc[13] = 0x00;
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.Usim & 0x1F, true)))
        {
            PeHeader(w, id);
            w.WriteObjectIdentifier(TemplateOids.Usim, Tags.Ctx(1));
            // PE-USIM components: adf-usim [2], ef-imsi [3], ef-arr [4], ef-ust [8], ef-spn [13], ef-est [14], ef-acc [18], ef-ecc [22].
            File(w, 2, new Fcp { FileId = "7FD0", DfName = s_usimAid, SecurityAttributes = "2F0601", PinStatus = "81010A" });
            File(w, 3, new Fcp { Descriptor = "4121", FileId = "6F07", SecurityAttributes = "6F0601", Size = imsi.Length }, imsi);
            File(w, 4, new Fcp { Descriptor = "42210020", FileId = "6F06", SecurityAttributes = "6F0603", Size = arr.Length }, arr);
            File(w, 8, new Fcp { Descriptor = "4121", FileId = "6F38", SecurityAttributes = "6F0601", Size = 8 }, new byte[8]);
            File(w, 13, new Fcp { Descriptor = "4121", FileId = "6F46", SecurityAttributes = "6F0603", Size = spn.Length }, spn);
            File(w, 14, new Fcp { Descriptor = "4121", FileId = "6F56", SecurityAttributes = "6F0602", Size = 1 }, [0x00]);
            File(w, 18, new Fcp { Descriptor = "4121", FileId = "6F78", SecurityAttributes = "6F0601", Size = 2 }, acc);
            File(w, 22, new Fcp { Descriptor = "4221000E", FileId = "6FB7", SecurityAttributes = "6F0603", Size = ecc.Length }, ecc);
        }
        return w.Encode();
    }

    private static byte[] Iot(int id, byte[] iccidSwapped, byte[] imsi, byte[] acc)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx(32, true)))
        {
            PeHeader(w, id);
            w.WriteObjectIdentifier(TemplateOids.Iot, Tags.Ctx(1));
            // PE-IoT components: ef-iccid [4], ef-imsi [9], ef-acc [18]; the template supplies the file descriptors.
            File(w, 4, null, iccidSwapped);
            File(w, 9, null, imsi);
            File(w, 18, null, acc);
        }
        return w.Encode();
    }

    private sealed record PinSpec(int KeyReference, byte[] Value, int? Puk, int Attributes, int? Attempts);

    private static byte[] PinCodes(int id, IReadOnlyList<PinSpec> pins)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.PinCodes & 0x1F, true)))
        {
            PeHeader(w, id);
            // pinCodes CHOICE [1] (explicit) -> pinconfig [0] SEQUENCE OF PINConfiguration.
            using (w.PushSequence(Tags.Ctx(1, true)))
            using (w.PushSequence(Tags.Ctx(0, true)))
            {
                foreach (var pin in pins)
                {
                    using (w.PushSequence())
                    {
                        w.WriteInteger(pin.KeyReference, Tags.Ctx(0));
                        w.WriteOctetString(pin.Value, Tags.Ctx(1));
                        if (pin.Puk is { } puk) w.WriteInteger(puk, Tags.Ctx(2));
                        if (pin.Attributes != 7) w.WriteInteger(pin.Attributes, Tags.Ctx(3));
                        if (pin.Attempts is { } attempts && attempts != 51) w.WriteInteger(attempts, Tags.Ctx(4));
                    }
                }
            }
        }
        return w.Encode();
    }

    private static byte[] PukCodes(int id, IReadOnlyList<(int KeyReference, byte[] Value)> puks)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.PukCodes & 0x1F, true)))
        {
            PeHeader(w, id);
            using (w.PushSequence(Tags.Ctx(1, true)))
            {
                foreach (var (keyReference, value) in puks)
                {
                    using (w.PushSequence())
                    {
                        w.WriteInteger(keyReference, Tags.Ctx(0));
                        w.WriteOctetString(value, Tags.Ctx(1));
                    }
                }
            }
        }
        return w.Encode();
    }

    private static byte[] Aka(int id, byte[] k, byte[] opc)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.AkaParameter & 0x1F, true)))
        {
            PeHeader(w, id);
            // algoConfiguration CHOICE [1] (explicit) -> algoParameter [1]; DEFAULT constants and SQN settings omitted.
            using (w.PushSequence(Tags.Ctx(1, true)))
            using (w.PushSequence(Tags.Ctx(1, true)))
            {
                w.WriteInteger(1, Tags.Ctx(0));
                w.WriteOctetString([0x00], Tags.Ctx(1));
                w.WriteOctetString(k, Tags.Ctx(2));
                w.WriteOctetString(opc, Tags.Ctx(3));
            }
        }
        return w.Encode();
    }

    private static byte[] SecurityDomain(int id, byte[] key)
    {
        var aid = Tags.App(15);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.SecurityDomain & 0x1F, true)))
        {
            PeHeader(w, id);
            using (w.PushSequence(Tags.Ctx(1, true)))
            {
                // GlobalPlatform ISD package / class, MNO-SD instance as in the TS.48 profiles.
                w.WriteOctetString(Convert.FromHexString("A0000001515350"), aid);
                w.WriteOctetString(Convert.FromHexString("A000000151535041"), aid);
                w.WriteOctetString(Convert.FromHexString("A000000151000000"), aid);
                w.WriteOctetString(Convert.FromHexString("82DC00"), Tags.Ctx(2));
                w.WriteOctetString([0x0F], Tags.Ctx(3));
                w.WriteOctetString(Convert.FromHexString("810280008201F08301F08701F0"), Tags.Priv(9));
            }
            using (w.PushSequence(Tags.Ctx(2, true)))
            {
                // SCP80/SCP02-style key set 1: ENC (usage 18), MAC (14), DEK (48); AES key type 88.
                foreach (var (usage, keyId) in new[] { (0x18, 1), (0x14, 2), (0x48, 3) })
                {
                    using (w.PushSequence())
                    {
                        w.WriteOctetString([(byte)usage], Tags.Ctx(21));
                        w.WriteOctetString([(byte)keyId], Tags.Ctx(2));
                        w.WriteOctetString([0x01], Tags.Ctx(3));
                        using (w.PushSequence())
                        using (w.PushSequence())
                        {
                            w.WriteOctetString([0x88], Tags.Ctx(0));
                            w.WriteOctetString(key, Tags.Ctx(6));
                        }
                    }
                }
            }
        }
        return w.Encode();
    }

    // genericFileManagement creating a transparent EF A001 under the MF, filled with a fixed pattern.
    private static byte[] FillerElement(int id, Filler filler)
    {
        var length = filler.Length;
        var content = new byte[length];
        for (var i = 0; i < length; i++) content[i] = (byte)(i * 31 + 7);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.GenericFileManagement & 0x1F, true)))
        {
            PeHeader(w, id);
            using (w.PushSequence(Tags.Ctx(1, true)))
            using (w.PushSequence())
            {
                w.WriteOctetString([], Tags.Ctx(0));
                WriteFcp(w, Tags.App(2, true), new Fcp
                {
                    Descriptor = "4121", FileId = "A001", SecurityAttributes = "2F0603", Size = length,
                });
                w.WriteOctetString(content, Tags.Ctx(1));
            }
        }
        return w.Encode();
    }

    private static byte[] End(int id, bool mandated)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tags.Ctx((int)ProfileElementType.End & 0x1F, true)))
            PeHeader(w, id, mandated);
        return w.Encode();
    }

    /// <summary>Fcp fields the builder sets (hex strings as in TS 102 222); null fields are omitted.</summary>
    private sealed record Fcp
    {
        public string? Descriptor { get; init; }
        public string? FileId { get; init; }
        public byte[]? DfName { get; init; }
        public string? SecurityAttributes { get; init; }
        public int? Size { get; init; }
        public string? PinStatus { get; init; }
        public string? ShortEfId { get; init; }
    }

    // File ::= SEQUENCE OF CHOICE { doNotCreate [0], fileDescriptor [1] Fcp, fillFileOffset [2], fillFileContent [3] }
    private static void File(AsnWriter w, int component, Fcp? fcp, params byte[][] contents)
    {
        using (w.PushSequence(Tags.Ctx(component, true)))
        {
            if (fcp is not null) WriteFcp(w, Tags.Ctx(1, true), fcp);
            foreach (var content in contents) w.WriteOctetString(content, Tags.Ctx(3));
        }
    }

    // Fcp components in declaration order: [2] descriptor, [3] fileID, [4] dfName, [10] lcsi (DEFAULT 05, omitted),
    // [11] security attributes, [0] efFileSize, [PRIVATE 6] pinStatus, [8] shortEFID.
    private static void WriteFcp(AsnWriter w, Asn1Tag tag, Fcp fcp)
    {
        using (w.PushSequence(tag))
        {
            if (fcp.Descriptor is { } d) w.WriteOctetString(Convert.FromHexString(d), Tags.Ctx(2));
            if (fcp.FileId is { } f) w.WriteOctetString(Convert.FromHexString(f), Tags.Ctx(3));
            if (fcp.DfName is { } n) w.WriteOctetString(n, Tags.Ctx(4));
            if (fcp.SecurityAttributes is { } s) w.WriteOctetString(Convert.FromHexString(s), Tags.Ctx(11));
            if (fcp.Size is { } size) w.WriteOctetString(MinimalUnsigned(size), Tags.Ctx(0));
            if (fcp.PinStatus is { } p) w.WriteOctetString(Convert.FromHexString(p), Tags.Priv(6));
            if (fcp.ShortEfId is { } sfi) w.WriteOctetString(Convert.FromHexString(sfi), Tags.Ctx(8));
        }
    }

    private static byte[] MinimalUnsigned(int value)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Insert(0, (byte)value);
            value >>= 8;
        } while (value > 0);
        return bytes.ToArray();
    }

    private static byte[] ArrContent(int records)
    {
        var content = new byte[records * ArrRecordLength];
        content.AsSpan().Fill(0xFF);
        for (var i = 0; i < records; i++)
            Convert.FromHexString(s_arrRecords[i]).CopyTo(content, i * ArrRecordLength);
        return content;
    }

    private static byte[] Pad(byte[] data, int length)
    {
        var result = new byte[length];
        result.AsSpan().Fill(0xFF);
        data.CopyTo(result, 0);
        return result;
    }

    /// <summary>EF.IMSI: length byte, then parity nibble and digits, low nibble first.</summary>
    // 3GPP TS 31.102 §4.2.2.
    internal static byte[] EncodeImsi(string imsi)
    {
        if (imsi is null || imsi.Length is < 6 or > 15 || !imsi.All(char.IsAsciiDigit))
            throw new ArgumentException("IMSI must be 6..15 digits", nameof(imsi));
        var nibbles = new List<int> { imsi.Length % 2 == 1 ? 9 : 1 };
        nibbles.AddRange(imsi.Select(c => c - '0'));
        if (nibbles.Count % 2 == 1) nibbles.Add(0xF);
        var file = new byte[9];
        file.AsSpan().Fill(0xFF);
        file[0] = (byte)(nibbles.Count / 2);
        for (var i = 0; i < nibbles.Count / 2; i++) file[1 + i] = (byte)(nibbles[2 * i] | nibbles[2 * i + 1] << 4);
        return file;
    }

    // 3GPP TS 22.011 §4.2: access class 0-9 is the last IMSI digit; EF.ACC bit n of the 16-bit value.
    private static byte[] AccessClass(string imsi)
    {
        var value = 1 << (imsi[^1] - '0');
        return [(byte)(value >> 8), (byte)value];
    }

    // 3GPP TS 31.102 §4.2.12 EF.SPN: display condition, then 16 bytes GSM default alphabet, FF padded.
    private static byte[] EncodeSpn(string name)
    {
        if (name.Length > 16 || !name.All(c => c is >= ' ' and <= 'z' && c != '@' && c != '$' && c != '_'))
            throw new ArgumentException("ServiceProviderName must be up to 16 plain ASCII characters", nameof(name));
        var spn = new byte[17];
        spn.AsSpan().Fill(0xFF);
        spn[0] = 0x01;
        Encoding.ASCII.GetBytes(name).CopyTo(spn, 1);
        return spn;
    }

    // SAIP v3.3.1 PINConfiguration.pinValue / PUKConfiguration.pukValue: 8 bytes, ASCII, FF padded.
    private static byte[] EncodeSecret(string value, int min, int max, string name)
    {
        if (value is null || value.Length < min || value.Length > max || !value.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"{name} must be {min}..{max} ASCII letters or digits", name);
        var bytes = new byte[8];
        bytes.AsSpan().Fill(0xFF);
        Encoding.ASCII.GetBytes(value).CopyTo(bytes, 0);
        return bytes;
    }

    private static void CheckKeys(byte[] k, byte[] opc)
    {
        if (k is null || k.Length != 16) throw new ArgumentException("K must be 16 bytes", nameof(k));
        if (opc is null || opc.Length != 16) throw new ArgumentException("OPc must be 16 bytes", nameof(opc));
    }

    private static byte[] Concat(List<byte[]> elements)
    {
        var result = new byte[elements.Sum(e => e.Length)];
        var offset = 0;
        foreach (var e in elements)
        {
            e.CopyTo(result, offset);
            offset += e.Length;
        }
        return result;
    }
}
