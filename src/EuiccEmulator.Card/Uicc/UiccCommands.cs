using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// The UICC file and PIN commands on the presented profile's file system. Each returns the response data or throws
/// a <see cref="CardException"/> with its status word; a command that changes state commits it before returning.
/// </summary>
// ETSI TS 102 221 §11.1 (commands), §10.2.1 (status words); 3GPP TS 31.102 §7 for the USIM.
internal sealed class UiccCommands(UiccRuntime runtime, Func<int, byte[]>? random = null)
{
    private readonly UiccAuthentication _authentication = new(runtime);
    private readonly UiccGetIdentity _getIdentity = new(random ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes);

    public const byte InsSelect = 0xA4;
    public const byte InsStatus = 0xF2;
    public const byte InsReadBinary = 0xB0;
    public const byte InsUpdateBinary = 0xD6;
    public const byte InsReadRecord = 0xB2;
    public const byte InsUpdateRecord = 0xDC;
    public const byte InsSearchRecord = 0xA2;
    public const byte InsIncrease = 0x32;
    public const byte InsVerify = 0x20;
    public const byte InsChangePin = 0x24;
    public const byte InsDisablePin = 0x26;
    public const byte InsEnablePin = 0x28;
    public const byte InsUnblockPin = 0x2C;
    public const byte InsDeactivateFile = 0x04;
    public const byte InsActivateFile = 0x44;
    public const byte InsAuthenticate = 0x88;
    public const byte InsGetIdentity = 0x78;

    private static readonly StatusWord SecurityNotSatisfied = new(0x6982);
    private static readonly StatusWord AuthMethodBlocked = new(0x6983);
    private static readonly StatusWord ReferenceDataInvalidated = new(0x6984);
    private static readonly StatusWord IncompatibleFileStructure = new(0x6981);
    private static readonly StatusWord RecordNotFound = new(0x6A83);
    private static readonly StatusWord WrongP1P2 = new(0x6B00);
    private static readonly StatusWord MaxValueReached = new(0x9850);

    public UiccRuntime Runtime => runtime;

    /// <summary>Whether the UICC plane handles this instruction.</summary>
    public static bool Handles(byte ins) => ins is InsReadBinary or InsUpdateBinary or InsReadRecord or InsUpdateRecord
        or InsSearchRecord or InsIncrease or InsVerify or InsChangePin or InsDisablePin or InsEnablePin or InsUnblockPin
        or InsDeactivateFile or InsActivateFile or InsAuthenticate or InsGetIdentity;

    /// <summary>The channel's selection on the presented file system, or null when no profile is presented.</summary>
    public FileSelection? Selection(LogicalChannel channel)
    {
        var fs = runtime.Current;
        if (fs is null) return null;
        channel.Files.Attach(fs);
        return channel.Files;
    }

    // ---- SELECT (ETSI TS 102 221 §11.1.1) ----

    /// <summary>SELECT by FID, path, parent or DF name; returns the FCP (P2 04) or nothing (P2 0C).</summary>
    public byte[] Select(LogicalChannel channel, CommandApdu command, bool gsm = false)
    {
        var sel = Selection(channel) ?? throw new CardException(StatusWord.FileOrApplicationNotFound, "no profile enabled");
        var fs = sel.FileSystem!;
        var data = command.Data.Span;
        UiccFile? target;
        switch (command.P1)
        {
            case 0x00:
                if (data.Length == 0) target = fs.Mf;
                else if (data.Length != 2) throw new CardException(StatusWord.WrongLength);
                else target = ByFid(sel, (ushort)(data[0] << 8 | data[1]));
                break;
            case 0x01: // child DF
                if (data.Length != 2) throw new CardException(StatusWord.WrongLength);
                target = sel.Df!.Child((ushort)(data[0] << 8 | data[1]));
                if (target is { IsDirectory: false }) target = null;
                break;
            case 0x03: // parent DF
                if (data.Length != 0) throw new CardException(StatusWord.WrongLength);
                target = sel.Df!.Kind == FileKind.Mf ? null : sel.Df.Kind == FileKind.Adf ? fs.Mf : sel.Df.Parent;
                break;
            case 0x04:
                if (data.Length is < 1 or > 16) throw new CardException(StatusWord.WrongLength);
                if ((command.P2 & 0x03) == 0x02) throw new CardException(StatusWord.FileOrApplicationNotFound);
                target = fs.FindAdf(data);
                break;
            case 0x08:
            case 0x09:
                if (data.Length == 0 || data.Length % 2 != 0) throw new CardException(StatusWord.WrongLength);
                target = ByPath(sel, data, fromMf: command.P1 == 0x08);
                break;
            default:
                throw new CardException(StatusWord.IncorrectP1P2);
        }
        if (!gsm && (command.P2 & ~0x03) is not (0x04 or 0x0C or 0x00)) throw new CardException(StatusWord.IncorrectP1P2);
        if (target is null) throw new CardException(StatusWord.FileOrApplicationNotFound);

        if (target.IsDirectory)
        {
            sel.Df = target;
            sel.Ef = null;
            if (target.Kind == FileKind.Adf) sel.Application = target;
            else if (target.Kind == FileKind.Mf) sel.Application = fs.Mf;
        }
        else
        {
            sel.Df = target.Parent;
            sel.Ef = target;
        }
        sel.Record = 0;
        if (gsm) return GsmResponse(fs, target);
        return (command.P2 & 0x0C) == 0x0C ? [] : Fcp(fs, target);
    }

    // ETSI TS 102 221 §8.4.1: the current DF, its children, its parent and the parent's children, the MF, 7FFF.
    private static UiccFile? ByFid(FileSelection sel, ushort fid)
    {
        var fs = sel.FileSystem!;
        var df = sel.Df!;
        if (fid == 0x3F00) return fs.Mf;
        if (fid == 0x7FFF) return sel.Application is { Kind: FileKind.Adf } adf ? adf : null;
        if (df.Fid == fid && df.Kind != FileKind.Adf) return df;
        if (df.Child(fid) is { } child) return child;
        var parent = df.Kind == FileKind.Adf ? fs.Mf : df.Parent;
        if (parent is null) return null;
        if (parent.Fid == fid && parent.Kind != FileKind.Adf) return parent;
        return parent.Child(fid);
    }

    private static UiccFile? ByPath(FileSelection sel, ReadOnlySpan<byte> path, bool fromMf)
    {
        var fs = sel.FileSystem!;
        var current = fromMf ? fs.Mf : sel.Df!;
        for (var i = 0; i < path.Length; i += 2)
        {
            var fid = (ushort)(path[i] << 8 | path[i + 1]);
            if (i == 0 && fromMf && fid == 0x3F00) continue;
            if (fid == 0x7FFF)
            {
                if (i != 0 || sel.Application is not { Kind: FileKind.Adf } adf) return null;
                current = adf;
                continue;
            }
            if (!current.IsDirectory) return null;
            current = current.Child(fid);
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>The FCP template of a file (ETSI TS 102 221 §11.1.1.3).</summary>
    public static byte[] Fcp(UiccFileSystem fs, UiccFile file)
    {
        var body = new List<byte>(48);
        if (file.IsDirectory)
        {
            Tlv(body, 0x82, [0x78, 0x21]);
            Tlv(body, 0x83, [(byte)(file.Fid >> 8), (byte)file.Fid]);
            if (file.Kind == FileKind.Adf && file.Aid is { } aid) Tlv(body, 0x84, aid);
            // Proprietary information: UICC characteristics for the MF (clock stop allowed, 3 V and 1.8 V).
            if (file.Kind == FileKind.Mf) Tlv(body, 0xA5, [0x80, 0x01, 0x71]);
            Tlv(body, 0x8A, [file.Lcsi]);
            Tlv(body, 0x8B, [(byte)(file.ArrFid >> 8), (byte)file.ArrFid, file.ArrRecord]);
            Tlv(body, 0xC6, PinStatusTemplate(fs, file));
        }
        else
        {
            var fdb = file.Kind switch
            {
                FileKind.LinearFixed => (byte)0x42,
                FileKind.Cyclic => (byte)0x46,
                FileKind.BerTlv => (byte)0x79,
                _ => (byte)0x41,
            };
            if (file.IsRecord)
                Tlv(body, 0x82, [fdb, 0x21, (byte)(file.RecordLength >> 8), (byte)file.RecordLength, (byte)file.RecordCount]);
            else Tlv(body, 0x82, [fdb, 0x21]);
            Tlv(body, 0x83, [(byte)(file.Fid >> 8), (byte)file.Fid]);
            if (file.SpecialInfo != 0) Tlv(body, 0xA5, [0xC0, 0x01, file.SpecialInfo]);
            Tlv(body, 0x8A, [file.Lcsi]);
            Tlv(body, 0x8B, [(byte)(file.ArrFid >> 8), (byte)file.ArrFid, file.ArrRecord]);
            Tlv(body, 0x80, [(byte)(file.Size >> 8), (byte)file.Size]);
            Tlv(body, 0x81, [(byte)((file.Size + 20) >> 8), (byte)(file.Size + 20)]);
            if (file.Sfi is { } sfi) Tlv(body, 0x88, [(byte)(sfi << 3)]);
            else Tlv(body, 0x88, []);
        }
        var fcp = new List<byte>(body.Count + 3) { 0x62 };
        Length(fcp, body.Count);
        fcp.AddRange(body);
        return [.. fcp];
    }

    // ETSI TS 102 221 §9.5.2: PS_DO (enabled bits, b8 = first key) then one key reference DO per PIN.
    private static byte[] PinStatusTemplate(UiccFileSystem fs, UiccFile dir)
    {
        var keys = dir.PinKeyReferences ?? [];
        var bits = new byte[Math.Max(1, (keys.Length + 7) / 8)];
        var output = new List<byte>();
        for (var i = 0; i < keys.Length; i++)
        {
            var pin = AccessRules.FindPin(fs, dir, keys[i]);
            if (pin is not null && pin.Enabled) bits[i / 8] |= (byte)(0x80 >> (i % 8));
        }
        output.Add(0x90);
        output.Add((byte)bits.Length);
        output.AddRange(bits);
        foreach (var key in keys)
        {
            if ((key & 0x7F) is >= 0x0A and <= 0x0E) continue; // ADM keys are not announced to the terminal
            output.AddRange([0x83, 0x01, key]);
        }
        return [.. output];
    }

    private static void Tlv(List<byte> output, byte tag, ReadOnlySpan<byte> value)
    {
        output.Add(tag);
        Length(output, value.Length);
        output.AddRange(value);
    }

    private static void Length(List<byte> output, int length)
    {
        if (length > 0x7F) output.Add(0x81);
        output.Add((byte)length);
    }

    // ---- STATUS (§11.1.2) ----

    public byte[] Status(LogicalChannel channel, CommandApdu command)
    {
        var sel = Selection(channel) ?? throw new CardException(StatusWord.FileOrApplicationNotFound);
        if (command.P1 > 0x02) throw new CardException(StatusWord.IncorrectP1P2);
        return command.P2 switch
        {
            0x00 => Fcp(sel.FileSystem!, sel.Df!),
            0x01 => sel.Application is { Kind: FileKind.Adf, Aid: { } aid } ? [0x84, (byte)aid.Length, .. aid] : [],
            0x0C => [],
            _ => throw new CardException(StatusWord.IncorrectP1P2),
        };
    }

    // ---- file and PIN commands ----

    public byte[] Process(LogicalChannel channel, CommandApdu command, bool gsm = false)
    {
        var sel = Selection(channel) ?? throw new CardException(StatusWord.InsNotSupported);
        return command.Ins switch
        {
            InsReadBinary => ReadBinary(sel, command),
            InsUpdateBinary => UpdateBinary(sel, command),
            InsReadRecord => ReadRecord(sel, command),
            InsUpdateRecord => UpdateRecord(sel, command),
            InsSearchRecord when !gsm => SearchRecord(sel, command),
            InsIncrease => Increase(sel, command),
            InsVerify => Verify(sel, command, gsm),
            InsChangePin => ChangePin(sel, command, gsm),
            InsDisablePin => SetPinEnabled(sel, command, enable: false, gsm),
            InsEnablePin => SetPinEnabled(sel, command, enable: true, gsm),
            InsUnblockPin => Unblock(sel, command, gsm),
            InsDeactivateFile => SetActivation(sel, command, activate: false),
            InsActivateFile => SetActivation(sel, command, activate: true),
            InsAuthenticate => gsm ? _authentication.RunGsmAlgorithm(sel, command) : _authentication.Authenticate(sel, command),
            InsGetIdentity when !gsm => _getIdentity.Process(sel, command),
            _ => throw new CardException(StatusWord.InsNotSupported),
        };
    }

    private UiccFile Ef(FileSelection sel, int sfi)
    {
        if (sfi == 0) return sel.Ef ?? throw new CardException(StatusWord.CommandNotAllowedNoEf, "no current EF");
        // An SFI names an EF of the current DF; the EF becomes the current one.
        foreach (var f in sel.Df!.Children)
        {
            if (f.IsDirectory || f.Sfi != sfi) continue;
            if (!ReferenceEquals(sel.Ef, f)) sel.Record = 0;
            sel.Ef = f;
            return f;
        }
        throw new CardException(StatusWord.FileOrApplicationNotFound, "no EF with this SFI");
    }

    private void Check(FileSelection sel, UiccFile file, FileOperation operation)
    {
        if (file.Lcsi == 0x04 && (file.SpecialInfo & 0x40) == 0 && operation is not FileOperation.Activate)
            throw new CardException(new StatusWord(0x6283), "file deactivated");
        if (!AccessRules.Allowed(sel.FileSystem!, file, operation)) throw new CardException(SecurityNotSatisfied);
    }

    // §11.1.3 READ BINARY: P1 b8 set = SFI in b5..b1, P2 offset; else a 15-bit offset.
    private static (int Sfi, int Offset) BinaryAddress(CommandApdu command) =>
        (command.P1 & 0x80) != 0
            ? ((command.P1 & 0x60) != 0 ? throw new CardException(StatusWord.IncorrectP1P2) : command.P1 & 0x1F, command.P2)
            : (0, command.P1 << 8 | command.P2);

    private byte[] ReadBinary(FileSelection sel, CommandApdu command)
    {
        var (sfi, offset) = BinaryAddress(command);
        var file = Ef(sel, sfi);
        if (file.Kind != FileKind.Transparent) throw new CardException(IncompatibleFileStructure);
        Check(sel, file, FileOperation.Read);
        if (!command.Data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        var data = file.Data;
        if (offset > data.Length) throw new CardException(WrongP1P2);
        var length = Math.Min(command.Le ?? 256, data.Length - offset);
        if (command.Le is { } le && le < 256 && offset + le > data.Length)
            throw new CardException(new StatusWord((ushort)(0x6C00 | (data.Length - offset))));
        return data.AsSpan(offset, length).ToArray();
    }

    private byte[] UpdateBinary(FileSelection sel, CommandApdu command)
    {
        var (sfi, offset) = BinaryAddress(command);
        var file = Ef(sel, sfi);
        if (file.Kind != FileKind.Transparent) throw new CardException(IncompatibleFileStructure);
        Check(sel, file, FileOperation.Update);
        var data = command.Data.Span;
        if (data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        if (offset + data.Length > file.Data.Length) throw new CardException(WrongP1P2);
        var updated = (byte[])file.Data.Clone();
        data.CopyTo(updated.AsSpan(offset));
        Write(file, updated);
        return [];
    }

    private void Write(UiccFile file, byte[] content)
    {
        var before = file.Data;
        var modified = file.Modified;
        file.Data = content;
        file.Modified = true;
        try
        {
            runtime.Commit();
        }
        catch
        {
            file.Data = before;
            file.Modified = modified;
            throw;
        }
    }

    // §11.1.5 READ RECORD: P2 b8..b4 SFI, b3..b1 mode 02 next, 03 previous, 04 absolute/current.
    private int RecordNumber(FileSelection sel, UiccFile file, byte p1, int mode, bool forUpdate)
    {
        var count = file.RecordCount;
        if (count == 0) throw new CardException(RecordNotFound);
        switch (mode)
        {
            case 0x04:
                var n = p1 == 0 ? sel.Record : p1;
                if (n == 0 || n > count) throw new CardException(RecordNotFound);
                if (p1 != 0 && file.Kind == FileKind.Cyclic && forUpdate) throw new CardException(StatusWord.IncorrectP1P2);
                return n;
            case 0x02:
                if (p1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
                if (file.Kind == FileKind.Cyclic) return sel.Record == 0 ? 1 : sel.Record % count + 1;
                if (sel.Record >= count) throw new CardException(RecordNotFound);
                return sel.Record + 1;
            case 0x03:
                if (p1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
                if (file.Kind == FileKind.Cyclic) return sel.Record <= 1 ? count : sel.Record - 1;
                if (sel.Record == 0) return count;
                if (sel.Record == 1) throw new CardException(RecordNotFound);
                return sel.Record - 1;
            default:
                throw new CardException(StatusWord.IncorrectP1P2);
        }
    }

    private byte[] ReadRecord(FileSelection sel, CommandApdu command)
    {
        var file = Ef(sel, command.P2 >> 3);
        if (!file.IsRecord) throw new CardException(IncompatibleFileStructure);
        Check(sel, file, FileOperation.Read);
        if (!command.Data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        var n = RecordNumber(sel, file, command.P1, command.P2 & 0x07, forUpdate: false);
        if (command.Le is { } le && le < 256 && le != file.RecordLength)
            throw new CardException(new StatusWord((ushort)(0x6C00 | file.RecordLength)));
        sel.Record = n;
        return file.Data.AsSpan((n - 1) * file.RecordLength, file.RecordLength).ToArray();
    }

    private byte[] UpdateRecord(FileSelection sel, CommandApdu command)
    {
        var file = Ef(sel, command.P2 >> 3);
        if (!file.IsRecord) throw new CardException(IncompatibleFileStructure);
        Check(sel, file, FileOperation.Update);
        if (command.Data.Length != file.RecordLength) throw new CardException(StatusWord.WrongLength);
        var mode = command.P2 & 0x07;
        var updated = (byte[])file.Data.Clone();
        if (file.Kind == FileKind.Cyclic)
        {
            // §11.1.6: a cyclic file is updated only in PREVIOUS mode: the oldest record becomes record 1.
            if (mode != 0x03 || command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
            Rotate(updated, file.RecordLength, command.Data.Span);
            Write(file, updated);
            sel.Record = 1;
            return [];
        }
        var n = RecordNumber(sel, file, command.P1, mode, forUpdate: true);
        command.Data.Span.CopyTo(updated.AsSpan((n - 1) * file.RecordLength));
        Write(file, updated);
        sel.Record = n;
        return [];
    }

    private static void Rotate(byte[] data, int recordLength, ReadOnlySpan<byte> newest)
    {
        Array.Copy(data, 0, data, recordLength, data.Length - recordLength);
        newest.CopyTo(data);
    }

    // §11.1.7 SEARCH RECORD, simple search (04 forward from P1, 05 backward from P1): pattern from the first byte.
    private byte[] SearchRecord(FileSelection sel, CommandApdu command)
    {
        var file = Ef(sel, command.P2 >> 3);
        if (!file.IsRecord) throw new CardException(IncompatibleFileStructure);
        Check(sel, file, FileOperation.Read);
        var pattern = command.Data.Span;
        if (pattern.IsEmpty || pattern.Length > file.RecordLength) throw new CardException(StatusWord.WrongLength);
        var mode = command.P2 & 0x07;
        if (mode is not (0x04 or 0x05)) throw new CardException(StatusWord.IncorrectP1P2);
        var count = file.RecordCount;
        var start = command.P1 == 0 ? (sel.Record == 0 ? (mode == 0x04 ? 1 : count) : sel.Record) : command.P1;
        if (start < 1 || start > count) throw new CardException(RecordNotFound);
        var found = new List<byte>();
        for (var n = start; n >= 1 && n <= count; n += mode == 0x04 ? 1 : -1)
            if (file.Data.AsSpan((n - 1) * file.RecordLength, file.RecordLength).StartsWith(pattern)) found.Add((byte)n);
        if (found.Count > 0) sel.Record = found[0];
        return [.. found];
    }

    // §11.1.8 INCREASE: adds the value to record 1 of a cyclic file and stores the sum as the new record 1.
    private byte[] Increase(FileSelection sel, CommandApdu command)
    {
        if (command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var file = Ef(sel, command.P2 >> 3);
        if (file.Kind != FileKind.Cyclic) throw new CardException(IncompatibleFileStructure);
        Check(sel, file, FileOperation.Increase);
        var add = command.Data.Span;
        var length = file.RecordLength;
        if (add.IsEmpty || add.Length > length) throw new CardException(StatusWord.WrongLength);
        var sum = new byte[length];
        var carry = 0;
        for (var i = length - 1; i >= 0; i--)
        {
            var addend = i - (length - add.Length) is var j and >= 0 ? add[j] : 0;
            var v = file.Data[i] + addend + carry;
            sum[i] = (byte)v;
            carry = v >> 8;
        }
        if (carry != 0) throw new CardException(MaxValueReached);
        var updated = (byte[])file.Data.Clone();
        Rotate(updated, length, sum);
        Write(file, updated);
        sel.Record = 1;
        return [.. sum, .. add];
    }

    // §11.1.14 DEACTIVATE / §11.1.15 ACTIVATE FILE (current EF, or by FID in the data).
    private byte[] SetActivation(FileSelection sel, CommandApdu command, bool activate)
    {
        var file = sel.Ef ?? sel.Df!;
        if (command.Data.Length == 2)
        {
            file = ByFid(sel, (ushort)(command.Data.Span[0] << 8 | command.Data.Span[1]))
                ?? throw new CardException(StatusWord.FileOrApplicationNotFound);
        }

        Check(sel, file, activate ? FileOperation.Activate : FileOperation.Deactivate);
        // Activation state is not part of the persistent state; it lasts for the card session.
        file.Lcsi = activate ? (byte)0x05 : (byte)0x04;
        return [];
    }

    // ---- PIN commands (§11.1.9 - §11.1.13) ----

    private static byte KeyReference(CommandApdu command, bool gsm) =>
        gsm
            ? command.P2 switch { 0x01 => (byte)0x01, 0x02 => (byte)0x81, _ => throw new CardException(StatusWord.IncorrectP1P2) }
            : command.P2;

    private static Pin FindPin(FileSelection sel, byte keyReference)
    {
        var context = sel.Ef ?? sel.Df!;
        if ((keyReference & 0x80) != 0 && sel.Application is { } app)
        {
            return AccessRules.FindPin(sel.FileSystem!, context, keyReference)
                ?? AccessRules.FindPin(sel.FileSystem!, app, keyReference)
                ?? throw new CardException(StatusWord.ReferencedDataNotFound);
        }

        return AccessRules.FindPin(sel.FileSystem!, context, keyReference)
            ?? throw new CardException(StatusWord.ReferencedDataNotFound);
    }

    private static StatusWord Remaining(int n) => new((ushort)(0x63C0 | n));

    private byte[] Verify(FileSelection sel, CommandApdu command, bool gsm)
    {
        if (command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var pin = FindPin(sel, KeyReference(command, gsm));
        var data = command.Data.Span;
        if (data.IsEmpty)
        {
            // A status query: 9000 when verified or not needed, else the retries left.
            if (pin.Blocked) throw new CardException(AuthMethodBlocked);
            if (pin.Verified || !pin.Enabled) return [];
            throw new CardException(Remaining(pin.Remaining));
        }
        if (data.Length != 8) throw new CardException(StatusWord.WrongLength);
        if (pin.Blocked) throw new CardException(AuthMethodBlocked);
        Attempt(pin, data);
        return [];
    }

    /// <summary>Checks a PIN value; counts a failure (committed) or restores the counter on success.</summary>
    private void Attempt(Pin pin, ReadOnlySpan<byte> value)
    {
        if (!value.SequenceEqual(pin.Value))
        {
            pin.Verified = false;
            Counter(pin, pin.Remaining - 1);
            throw new CardException(pin.Remaining == 0 ? AuthMethodBlocked : Remaining(pin.Remaining));
        }
        if (pin.Remaining != pin.MaxAttempts) Counter(pin, pin.MaxAttempts);
        pin.Verified = true;
    }

    private void Counter(Pin pin, int value)
    {
        var before = pin.Remaining;
        pin.Remaining = Math.Max(0, value);
        try
        {
            runtime.Commit();
        }
        catch
        {
            pin.Remaining = before;
            throw;
        }
    }

    private void PinChange(Action apply, Action undo)
    {
        apply();
        try
        {
            runtime.Commit();
        }
        catch
        {
            undo();
            throw;
        }
    }

    private byte[] ChangePin(FileSelection sel, CommandApdu command, bool gsm)
    {
        if (command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var pin = FindPin(sel, KeyReference(command, gsm));
        if (command.Data.Length != 16) throw new CardException(StatusWord.WrongLength);
        if (pin.Blocked) throw new CardException(AuthMethodBlocked);
        if (!pin.Enabled) throw new CardException(ReferenceDataInvalidated);
        Attempt(pin, command.Data.Span[..8]);
        var old = pin.Value;
        var next = command.Data.Span[8..].ToArray();
        PinChange(() => pin.Value = next, () => pin.Value = old);
        return [];
    }

    private byte[] SetPinEnabled(FileSelection sel, CommandApdu command, bool enable, bool gsm)
    {
        if (command.P1 is not (0x00 or 0x80) || gsm && command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var pin = FindPin(sel, gsm ? (byte)0x01 : command.P2);
        if (command.Data.Length != 8) throw new CardException(StatusWord.WrongLength);
        if (pin.IsAdm) throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "an ADM key cannot be disabled");
        if (pin.Blocked) throw new CardException(AuthMethodBlocked);
        if (pin.Enabled == enable) throw new CardException(ReferenceDataInvalidated);
        Attempt(pin, command.Data.Span);
        PinChange(() => pin.Enabled = enable, () => pin.Enabled = !enable);
        return [];
    }

    private byte[] Unblock(FileSelection sel, CommandApdu command, bool gsm)
    {
        if (command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var keyReference = gsm
            ? (command.P2 switch { 0x00 => (byte)0x01, 0x02 => (byte)0x81, _ => throw new CardException(StatusWord.IncorrectP1P2) })
            : command.P2;
        var pin = FindPin(sel, keyReference);
        if (pin.UnblockReference is not { } pukReference || !sel.FileSystem!.Puks.TryGetValue(pukReference, out var puk))
            throw new CardException(StatusWord.ReferencedDataNotFound, "no PUK for this PIN");
        var data = command.Data.Span;
        if (data.IsEmpty)
        {
            if (puk.Remaining == 0) throw new CardException(AuthMethodBlocked);
            throw new CardException(Remaining(puk.Remaining));
        }
        if (data.Length != 16) throw new CardException(StatusWord.WrongLength);
        if (puk.Remaining == 0) throw new CardException(AuthMethodBlocked);
        if (!data[..8].SequenceEqual(puk.Value))
        {
            var before = puk.Remaining;
            PinChange(() => puk.Remaining--, () => puk.Remaining = before);
            throw new CardException(puk.Remaining == 0 ? AuthMethodBlocked : Remaining(puk.Remaining));
        }
        var (oldValue, oldRemaining, oldPuk) = (pin.Value, pin.Remaining, puk.Remaining);
        var next = data[8..].ToArray();
        PinChange(() =>
        {
            pin.Value = next;
            pin.Remaining = pin.MaxAttempts;
            puk.Remaining = puk.MaxAttempts;
        }, () =>
        {
            pin.Value = oldValue;
            pin.Remaining = oldRemaining;
            puk.Remaining = oldPuk;
        });
        pin.Verified = true;
        return [];
    }

    // ---- GSM (class A0) responses, 3GPP TS 51.011 §9.2.1 ----

    private static byte[] GsmResponse(UiccFileSystem fs, UiccFile file)
    {
        var fid = new[] { (byte)(file.Fid >> 8), (byte)file.Fid };
        if (file.IsDirectory)
        {
            var dfs = file.Children.Count(c => c.IsDirectory);
            var efs = file.Children.Count - dfs;
            var chv1 = fs.GlobalPins.Find(0x01);
            var chvStatus = (byte)(0x80 | (chv1?.Remaining ?? 0));
            return
            [
                0x00, 0x00, 0x00, 0x00, fid[0], fid[1], file.Kind == FileKind.Mf ? (byte)0x01 : (byte)0x02,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x09,
                (byte)(chv1 is { Enabled: false } ? 0x80 : 0x00), (byte)dfs, (byte)efs, 0x02, 0x00,
                chvStatus, 0x8A, 0x83, 0x8A,
            ];
        }
        var structure = file.Kind switch { FileKind.LinearFixed => (byte)0x01, FileKind.Cyclic => (byte)0x03, _ => (byte)0x00 };
        return
        [
            0x00, 0x00, (byte)(file.Size >> 8), (byte)file.Size, fid[0], fid[1], 0x04, 0x00,
            Gsm(fs, file, FileOperation.Read, FileOperation.Update), Gsm(fs, file, FileOperation.Increase, FileOperation.Increase),
            0x44, file.Lcsi == 0x04 ? (byte)0x00 : (byte)0x01, 0x02, structure, (byte)file.RecordLength,
        ];
    }

    // Access condition nibbles: 0 always, 1 CHV1, F never (others reported as ADM, 4).
    private static byte Gsm(UiccFileSystem fs, UiccFile file, FileOperation high, FileOperation low) =>
        (byte)(GsmCondition(fs, file, high) << 4 | GsmCondition(fs, file, low));

    private static int GsmCondition(UiccFileSystem fs, UiccFile file, FileOperation operation)
    {
        var rule = AccessRules.Record(file);
        if (rule is null) return 0x0F;
        var hex = Convert.ToHexString(rule);
        if (AccessRules.Allowed(fs, file, operation)) return hex.Contains("8301", StringComparison.Ordinal) ? 0x01 : 0x00;
        return hex.Contains("830101", StringComparison.Ordinal) ? 0x01 : 0x04;
    }
}
