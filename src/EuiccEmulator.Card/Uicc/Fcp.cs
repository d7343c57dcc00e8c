using System.Formats.Asn1;

namespace EuiccEmulator.Card.Uicc;

/// <summary>The components of a SAIP Fcp (a file's creation parameters), each null when absent.</summary>
// SAIP v3.3.1 PEDefinitions Fcp / ProprietaryInfo; ETSI TS 102 222 §6.3 (coding).
internal sealed class Fcp
{
    public byte[]? FileDescriptor { get; private set; }

    public ushort? FileId { get; private set; }

    public byte[]? DfName { get; private set; }

    public byte? Lcsi { get; private set; }

    public byte[]? SecurityAttributes { get; private set; }

    public int? EfFileSize { get; private set; }

    public byte[]? PinStatusTemplate { get; private set; }

    /// <summary>shortEFID: null absent, empty "no SFI", one byte the SFI in b8..b4.</summary>
    public byte[]? ShortEfid { get; private set; }

    public byte? SpecialFileInformation { get; private set; }

    public byte[]? FillPattern { get; private set; }

    public byte[]? RepeatPattern { get; private set; }

    public int? MaximumFileSize { get; private set; }

    public byte[]? LinkPath { get; private set; }

    /// <summary>proprietaryEFInfo.maximumFileSize of a BER-TLV file.</summary>
    public int? ProprietaryMaxSize() => MaximumFileSize;

    /// <summary>Reads the Fcp components from the content of its (implicitly tagged) SEQUENCE.</summary>
    public static Fcp Read(AsnReader reader)
    {
        var fcp = new Fcp();
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 5 && tag.IsConstructed)
            {
                var proprietary = reader.ReadSequence(tag);
                while (proprietary.HasData)
                {
                    var t = proprietary.PeekTag();
                    var v = proprietary.ReadOctetString(t);
                    switch (t.TagClass, t.TagValue)
                    {
                        case (TagClass.Private, 0): fcp.SpecialFileInformation = v.Length == 1 ? v[0] : null; break;
                        case (TagClass.Private, 1): fcp.FillPattern = v; break;
                        case (TagClass.Private, 2): fcp.RepeatPattern = v; break;
                        case (TagClass.ContextSpecific, 6): fcp.MaximumFileSize = Number(v); break;
                    }
                }
                continue;
            }
            var value = reader.ReadOctetString(tag);
            switch (tag.TagClass, tag.TagValue)
            {
                case (TagClass.ContextSpecific, 2): fcp.FileDescriptor = value; break;
                case (TagClass.ContextSpecific, 3) when value.Length == 2: fcp.FileId = (ushort)(value[0] << 8 | value[1]); break;
                case (TagClass.ContextSpecific, 4): fcp.DfName = value; break;
                case (TagClass.ContextSpecific, 10) when value.Length == 1: fcp.Lcsi = value[0]; break;
                case (TagClass.ContextSpecific, 11): fcp.SecurityAttributes = value; break;
                case (TagClass.ContextSpecific, 0): fcp.EfFileSize = Number(value); break;
                case (TagClass.Private, 6): fcp.PinStatusTemplate = value; break;
                case (TagClass.ContextSpecific, 8): fcp.ShortEfid = value; break;
                case (TagClass.Private, 7): fcp.LinkPath = value; break;
            }
        }
        return fcp;
    }

    private static int Number(byte[] value)
    {
        if (value.Length is 0 or > 3) throw new FileSystemException("file size out of range");
        var n = 0;
        foreach (var b in value) n = n << 8 | b;
        return n;
    }
}

/// <summary>A profile package whose file system cannot be built.</summary>
internal sealed class FileSystemException(string message) : Exception(message);
