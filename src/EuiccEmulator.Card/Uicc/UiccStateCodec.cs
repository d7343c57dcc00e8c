using System.Formats.Asn1;

namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// The persistent part of a profile's UICC state, as kept in its <c>ProfileRecord.UiccState</c>: files changed
/// since installation, PIN and PUK values and counters, and each NAA's opaque authentication state (SQN).
/// </summary>
/// <remarks>
/// DER: SEQUENCE { [0] SEQUENCE OF SEQUENCE { UTF8String fileKey, OCTET STRING content },
/// [1] SEQUENCE OF SEQUENCE { UTF8String scope, INTEGER keyRef, OCTET STRING value, INTEGER remaining, BOOLEAN enabled },
/// [2] SEQUENCE OF SEQUENCE { INTEGER keyRef, OCTET STRING value, INTEGER remaining },
/// [3] SEQUENCE OF SEQUENCE { UTF8String adfKey, OCTET STRING authState } }.
/// </remarks>
internal static class UiccStateCodec
{
    public static byte[] Encode(UiccFileSystem fs)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                foreach (var f in fs.AllFiles())
                {
                    if (f.IsDirectory || f.LinkTarget is not null || !f.Modified) continue;
                    using (w.PushSequence())
                    {
                        w.WriteCharacterString(UniversalTagNumber.UTF8String, f.Key);
                        w.WriteOctetString(f.Data);
                    }
                }
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                foreach (var table in fs.PinTables())
                {
                    foreach (var pin in table.Pins)
                    {
                        using (w.PushSequence())
                        {
                            w.WriteCharacterString(UniversalTagNumber.UTF8String, table.Scope);
                            w.WriteInteger(pin.KeyReference);
                            w.WriteOctetString(pin.Value);
                            w.WriteInteger(pin.Remaining);
                            w.WriteBoolean(pin.Enabled);
                        }
                    }
                }
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                foreach (var puk in fs.Puks.Values)
                {
                    using (w.PushSequence())
                    {
                        w.WriteInteger(puk.KeyReference);
                        w.WriteOctetString(puk.Value);
                        w.WriteInteger(puk.Remaining);
                    }
                }
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3)))
            {
                foreach (var adf in fs.Adfs)
                {
                    if (adf.AuthState is null) continue;
                    using (w.PushSequence())
                    {
                        w.WriteCharacterString(UniversalTagNumber.UTF8String, adf.Key);
                        w.WriteOctetString(adf.AuthState);
                    }
                }
            }
        }
        return w.Encode();
    }

    /// <summary>Applies a stored state to a freshly built file system; entries that no longer fit are skipped.</summary>
    public static void Apply(UiccFileSystem fs, byte[] state)
    {
        var files = fs.AllFiles().Where(f => !f.IsDirectory).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var tables = fs.PinTables().ToDictionary(t => t.Scope);
        var adfs = fs.Adfs.ToDictionary(a => a.Key);
        var root = new AsnReader(state, AsnEncodingRules.DER).ReadSequence();
        var fileList = root.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
        while (fileList.HasData)
        {
            var entry = fileList.ReadSequence();
            var key = entry.ReadCharacterString(UniversalTagNumber.UTF8String);
            var data = entry.ReadOctetString();
            if (files.TryGetValue(key, out var file) && file.Data.Length == data.Length)
            {
                file.Data = data;
                file.Modified = true;
            }
        }
        var pinList = root.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1));
        while (pinList.HasData)
        {
            var entry = pinList.ReadSequence();
            var scope = entry.ReadCharacterString(UniversalTagNumber.UTF8String);
            entry.TryReadInt32(out var keyReference);
            var value = entry.ReadOctetString();
            entry.TryReadInt32(out var remaining);
            var enabled = entry.ReadBoolean();
            if (tables.TryGetValue(scope, out var table) && table.Find((byte)keyReference) is { } pin)
            {
                pin.Value = value;
                pin.Remaining = Math.Clamp(remaining, 0, 15);
                pin.Enabled = enabled || pin.IsAdm;
            }
        }
        var pukList = root.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2));
        while (pukList.HasData)
        {
            var entry = pukList.ReadSequence();
            entry.TryReadInt32(out var keyReference);
            var value = entry.ReadOctetString();
            entry.TryReadInt32(out var remaining);
            if (fs.Puks.TryGetValue((byte)keyReference, out var puk))
            {
                puk.Value = value;
                puk.Remaining = Math.Clamp(remaining, 0, 15);
            }
        }
        if (!root.HasData) return;
        var authList = root.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3));
        while (authList.HasData)
        {
            var entry = authList.ReadSequence();
            var key = entry.ReadCharacterString(UniversalTagNumber.UTF8String);
            var value = entry.ReadOctetString();
            if (adfs.TryGetValue(key, out var adf)) adf.AuthState = value;
        }
    }
}
