namespace EuiccEmulator.Card.Uicc;

/// <summary>Operations an access rule can govern.</summary>
internal enum FileOperation
{
    Read,
    Update,
    Increase,
    Deactivate,
    Activate,
}

/// <summary>
/// Evaluates a file's access rule: its EF.ARR record (expanded format), AM_DO then SC_DOs, against the PINs
/// verified (or disabled) in this card session.
/// </summary>
// ETSI TS 102 221 §9.2.4 (expanded format), §9.2.2 (AM byte), ISO 7816-4 §9.3 (SC_DO 90/97/A4/A0/AF).
internal static class AccessRules
{
    public static bool Allowed(UiccFileSystem fs, UiccFile file, FileOperation operation)
    {
        var rule = Record(file);
        if (rule is null) return false;
        var span = rule.AsSpan();
        var i = 0;
        var matched = false;
        var any = false;
        while (i + 2 <= span.Length && span[i] is not (0xFF or 0x00))
        {
            var tag = span[i];
            var length = span[i + 1];
            if (i + 2 + length > span.Length) return false;
            var value = span.Slice(i + 2, length);
            if ((tag & 0xF0) == 0x80 && tag is not 0x90 and not 0x97)
            {
                if (any && matched) return false; // the matching AM_DO's SC_DOs were all unsatisfied
                matched = Matches(tag, value, operation);
                any = false;
            }
            else if (matched)
            {
                any = true;
                if (Satisfied(fs, file, tag, value)) return true;
            }
            i += 2 + length;
        }
        return false;
    }

    // AM_DO '80': AM byte (b1 read/search, b2 update, b4 deactivate, b5 activate); '84': command header INS.
    private static bool Matches(byte tag, ReadOnlySpan<byte> value, FileOperation operation)
    {
        if (tag == 0x80 && value.Length == 1)
        {
            var bit = operation switch
            {
                FileOperation.Read => 0x01,
                FileOperation.Update => 0x02,
                FileOperation.Increase => 0x02,
                FileOperation.Deactivate => 0x08,
                FileOperation.Activate => 0x10,
                _ => 0,
            };
            return (value[0] & bit) != 0;
        }
        if (tag == 0x84 && value.Length >= 1) return operation == FileOperation.Increase && value[0] == 0x32;
        return false;
    }

    private static bool Satisfied(UiccFileSystem fs, UiccFile file, byte tag, ReadOnlySpan<byte> value)
    {
        switch (tag)
        {
            case 0x90: return true;
            case 0x97: return false;
            case 0xA4:
                for (var i = 0; i + 2 <= value.Length; i += 2 + value[i + 1])
                    if (value[i] == 0x83 && value[i + 1] == 1) return KeySatisfied(fs, file, value[i + 2]);
                return false;
            case 0xA0: // OR template
            case 0xAF: // AND template
                var and = tag == 0xAF;
                for (var i = 0; i + 2 <= value.Length;)
                {
                    var length = value[i + 1];
                    if (i + 2 + length > value.Length) return false;
                    var ok = Satisfied(fs, file, value[i], value.Slice(i + 2, length));
                    if (and && !ok) return false;
                    if (!and && ok) return true;
                    i += 2 + length;
                }
                return and;
            default: return false;
        }
    }

    private static bool KeySatisfied(UiccFileSystem fs, UiccFile file, byte keyReference)
    {
        var pin = FindPin(fs, file, keyReference);
        return pin is not null && (pin.Verified || !pin.Enabled);
    }

    /// <summary>A global PIN from the card's table, a local one from the nearest DF/ADF that defines it.</summary>
    public static Pin? FindPin(UiccFileSystem fs, UiccFile file, byte keyReference)
    {
        if ((keyReference & 0x80) == 0) return fs.GlobalPins.Find(keyReference);
        for (var f = (UiccFile?)file; f is not null; f = f.Parent)
            if (f.LocalPins?.Find(keyReference) is { } pin) return pin;
        return null;
    }

    /// <summary>The ARR record of a file: EF.ARR searched from the file's DF up to the MF.</summary>
    // ETSI TS 102 221 §9.2.4: the EF.ARR is searched in the current DF, then its parents (ADF: the MF's).
    public static byte[]? Record(UiccFile file)
    {
        if (file.ArrRecord == 0) return null;
        for (var dir = file.IsDirectory ? file.Parent ?? file : file.Parent; dir is not null; dir = dir.Parent)
        {
            var arr = dir.Child(file.ArrFid);
            if (arr is null && file.IsDirectory && dir == file) continue;
            if (arr is null || !arr.IsRecord || arr.RecordLength == 0) continue;
            if (file.ArrRecord > arr.RecordCount) return null;
            return arr.Data.AsSpan((file.ArrRecord - 1) * arr.RecordLength, arr.RecordLength).ToArray();
        }
        return null;
    }
}
