namespace EuiccEmulator.Iso7816;

/// <summary>An immutable ISO 7816-4 command APDU, short or extended.</summary>
// ISO 7816-4 §5.1: cases 1-4, short (Lc/Le one byte) and extended (00 + two bytes).
public sealed class CommandApdu
{
    /// <summary>A command; <paramref name="extended"/> selects three-byte Lc/Le fields.</summary>
    public CommandApdu(byte cla, byte ins, byte p1, byte p2, ReadOnlyMemory<byte> data, int? le, bool extended = false)
    {
        if (data.Length > 65535) throw new ArgumentOutOfRangeException(nameof(data));
        if (le is < 1 or > 65536) throw new ArgumentOutOfRangeException(nameof(le));
        if (!extended && (data.Length > 255 || le > 256)) throw new ArgumentException("needs extended length");
        Cla = cla; Ins = ins; P1 = p1; P2 = p2; Data = data; Le = le; Extended = extended;
    }

    /// <summary>Class byte.</summary>
    public byte Cla { get; }
    /// <summary>Instruction byte.</summary>
    public byte Ins { get; }
    /// <summary>Parameter 1.</summary>
    public byte P1 { get; }
    /// <summary>Parameter 2.</summary>
    public byte P2 { get; }
    /// <summary>Command data (empty for cases 1 and 2).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Expected response length: null when absent (case 1/3); 256 or 65536 for a zero Le.</summary>
    public int? Le { get; }

    /// <summary>Whether the length fields are extended.</summary>
    public bool Extended { get; }

    /// <summary>Parses the APDU; a length field that does not fit the bytes gives 6700.</summary>
    public static CommandApdu Parse(ReadOnlySpan<byte> apdu)
    {
        if (!TryParse(apdu, out var command))
            throw new CardException(StatusWord.WrongLength, "malformed APDU length fields");
        return command!;
    }

    /// <summary>Parses the APDU; false when the length fields do not fit the bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> apdu, out CommandApdu? command)
    {
        command = null;
        if (apdu.Length < 4) return false;
        byte cla = apdu[0], ins = apdu[1], p1 = apdu[2], p2 = apdu[3];
        var body = apdu[4..];
        switch (body.Length)
        {
            case 0: // case 1
                command = new CommandApdu(cla, ins, p1, p2, default, null);
                return true;
            case 1: // case 2 short
                command = new CommandApdu(cla, ins, p1, p2, default, body[0] == 0 ? 256 : body[0]);
                return true;
        }
        if (body[0] != 0)
        {
            int lc = body[0];
            if (body.Length == 1 + lc) // case 3 short
            {
                command = new CommandApdu(cla, ins, p1, p2, body.Slice(1, lc).ToArray(), null);
                return true;
            }
            if (body.Length == 2 + lc) // case 4 short
            {
                var le = body[1 + lc];
                command = new CommandApdu(cla, ins, p1, p2, body.Slice(1, lc).ToArray(), le == 0 ? 256 : le);
                return true;
            }
            return false;
        }
        // Extended: first byte 00.
        if (body.Length == 3) // case 2 extended
        {
            var le = body[1] << 8 | body[2];
            command = new CommandApdu(cla, ins, p1, p2, default, le == 0 ? 65536 : le, extended: true);
            return true;
        }
        if (body.Length < 4) return false;
        var elc = body[1] << 8 | body[2];
        if (elc == 0) return false;
        if (body.Length == 3 + elc) // case 3 extended
        {
            command = new CommandApdu(cla, ins, p1, p2, body.Slice(3, elc).ToArray(), null, extended: true);
            return true;
        }
        if (body.Length == 5 + elc) // case 4 extended
        {
            var le = body[3 + elc] << 8 | body[4 + elc];
            command = new CommandApdu(cla, ins, p1, p2, body.Slice(3, elc).ToArray(), le == 0 ? 65536 : le, extended: true);
            return true;
        }
        return false;
    }

    /// <summary>The APDU bytes.</summary>
    public byte[] ToBytes()
    {
        var output = new List<byte>(Data.Length + 9) { Cla, Ins, P1, P2 };
        if (Extended)
        {
            if (Data.Length > 0)
            {
                output.Add(0);
                output.Add((byte)(Data.Length >> 8));
                output.Add((byte)Data.Length);
                output.AddRange(Data.ToArray());
            }
            if (Le is { } le)
            {
                if (Data.Length == 0) output.Add(0);
                output.Add((byte)(le == 65536 ? 0 : le >> 8));
                output.Add((byte)(le == 65536 ? 0 : le));
            }
        }
        else
        {
            if (Data.Length > 0)
            {
                output.Add((byte)Data.Length);
                output.AddRange(Data.ToArray());
            }
            if (Le is { } le) output.Add((byte)(le == 256 ? 0 : le));
        }
        return [.. output];
    }

    /// <summary>The APDU as hex.</summary>
    public override string ToString() => Convert.ToHexString(ToBytes());
}
