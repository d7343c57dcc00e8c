namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// What an IoT Minimal Profile's file system gets when its PE-IoT leaves it out: EF.DIR naming the USIM, and the
/// EF.ARR records its files refer to. Derived, not transcribed: the SAIP v3.3.1 §9.10 IoT tables were not available
/// (Templates/README.md); the records follow the access conditions TS 31.102 gives each file.
/// </summary>
// SAIP v3.3.1 §7.5 (IoT Minimal Profile), §9.10.1 (template, unverified here); ETSI TS 102 221 §9.2.4, §13.1.
internal static class IotMinimalDefaults
{
    /// <summary>The 3GPP RID (ETSI TS 101 220 Annex E): the USIM AID is the RID and the header's pix.</summary>
    public static readonly byte[] Rid = [0xA0, 0x00, 0x00, 0x00, 0x87];

    /// <summary>pinStatusTemplateDO of the MF and ADF when the PE gives none: PIN1 and ADM1.</summary>
    public static readonly byte[] PinStatusTemplate = [0x01, 0x0A];

    /// <summary>The ADF's temporary FID when the PE gives none (only paths within the package use it).</summary>
    public const ushort TemporaryAdfFid = 0x7FF1;

    private const ushort EfDir = 0x2F00;
    private const ushort EfArrMf = 0x2F06;
    private const ushort EfArrAdf = 0x6F06;

    /// <summary>Adds the EF.DIR and EF.ARR files the package did not create.</summary>
    public static void Complete(UiccFileSystem fs, UiccFile adf)
    {
        // A condition on PIN1 or ADM1 that the profile does not define: PIN1 absent means no user verification
        // (always), ADM1 absent means never.
        var pin1 = fs.GlobalPins.Find(0x01) is null ? "9000" : "A406830101950108";
        var adm = fs.GlobalPins.Find(0x0A) is null ? "9700" : "A40683010A950108";
        if (fs.Mf.Child(EfDir) is null)
        {
            // TS 102 221 §13.1: application template '61' with the AID '4F' and the label '50'.
            byte[] entry = [0x4F, (byte)adf.Aid!.Length, .. adf.Aid, 0x50, 0x04, .. "USIM"u8];
            AddRecords(fs.Mf, EfDir, "ef-dir", sfi: 30, arrRecord: 10, [[0x61, (byte)entry.Length, .. entry]]);
        }
        if (fs.Mf.Child(EfArrMf) is null)
        {
            var records = new string[14];
            records[0] = "8001019000" + "800102" + pin1;          // 1: EF.PL: read always, update PIN1
            records[9] = "8001019000" + "80011A" + adm;           // 10: EF.DIR, EF.ARR, EF.UMPC: read always, ADM
            records[10] = "8001019000" + "80011A" + adm;          // 11: EF.ICCID: read always, ADM
            records[13] = "80011A" + adm;                         // 14: MF, ADF: (de)activate ADM
            AddRecords(fs.Mf, EfArrMf, "ef-arr", sfi: null, arrRecord: 10, Decode(records));
        }
        if (adf.Child(EfArrAdf) is null)
        {
            var records = new string[10];
            records[1] = "800101" + pin1 + "80011A" + adm;        // 2: EF.IMSI, EF.UST, EF.ACC, ...: read PIN1, ADM
            records[4] = "800103" + pin1 + "800118" + adm;        // 5: EF.Keys, EF.LOCI, ...: read/update PIN1
            records[9] = "8001019000" + "80011A" + adm;           // 10: EF.AD, EF.ECC, EF.ARR: read always, ADM
            AddRecords(adf, EfArrAdf, "ef-arr-usim", sfi: 23, arrRecord: 10, Decode(records));
        }
    }

    private static byte[][] Decode(string?[] records) => [.. records.Select(r => r is null ? [] : Convert.FromHexString(r))];

    // A linear fixed EF with one record per entry, padded with 'FF' to the longest; an empty entry is all 'FF'.
    private static void AddRecords(UiccFile dir, ushort fid, string name, int? sfi, byte arrRecord, byte[][] records)
    {
        var length = records.Max(r => r.Length);
        var file = new UiccFile(fid, FileKind.LinearFixed, name)
        {
            RecordLength = length,
            Sfi = sfi,
            ArrFid = dir.Kind == FileKind.Mf ? EfArrMf : EfArrAdf,
            ArrRecord = arrRecord,
        };
        var data = new byte[length * records.Length];
        data.AsSpan().Fill(0xFF);
        for (var i = 0; i < records.Length; i++) records[i].CopyTo(data, i * length);
        dir.Add(file);
        file.Data = data;
    }
}
