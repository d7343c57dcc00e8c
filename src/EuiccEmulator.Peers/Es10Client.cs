using EuiccEmulator.Iso7816;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers;

/// <summary>Options of the LPA-side ES10 transport.</summary>
public sealed record Es10ClientOptions
{
    /// <summary>Open a logical channel with MANAGE CHANNEL; false: use the basic channel.</summary>
    public bool UseLogicalChannel { get; init; } = true;

    /// <summary>
    /// STORE DATA block size: 1..255 in short APDUs; 256..65535 in extended-length APDUs (ISO 7816-4 §5.1), for a card
    /// whose ATR announces extended Lc/Le.
    /// </summary>
    public int BlockSize { get; init; } = 120;

    /// <summary>Append Le to the last STORE DATA block (case 4): '00', or '0000' in an extended-length APDU.</summary>
    public bool SendLe { get; init; }

    /// <summary>Keep every command/response pair in <see cref="Es10Client.Transcript"/>.</summary>
    public bool RecordTranscript { get; init; }
}

/// <summary>One APDU exchange.</summary>
public sealed record ApduExchange(byte[] Command, byte[] Response)
{
    public override string ToString() => $"> {Convert.ToHexString(Command)}\n< {Convert.ToHexString(Response)}";
}

/// <summary>What an ES10 call returned: the reassembled data and the final status word.</summary>
public sealed record Es10Response(byte[] Data, ushort StatusWord)
{
    /// <summary>9000, or 91xx (success with a proactive command pending).</summary>
    public bool IsSuccess => StatusWord == 0x9000 || StatusWord >> 8 == 0x91;

    public override string ToString() => $"{Convert.ToHexString(Data)} {StatusWord:X4}";
}

/// <summary>The LPA's ES10 transport over any card: channel, SELECT ISD-R, STORE DATA chaining, GET RESPONSE.</summary>
// docs/transport.md#store-data; GP Card Spec STORE DATA (P1 11/91, P2 block number), ISO 7816-4 §5.3.4 GET RESPONSE.
public sealed class Es10Client
{
    private readonly ICard _card;
    private readonly Es10ClientOptions _options;
    private readonly List<ApduExchange> _transcript = [];

    public Es10Client(ICard card, Es10ClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        _card = card;
        _options = options ?? new Es10ClientOptions();
        if (_options.BlockSize is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(options), _options.BlockSize, "block size is 1..65535");
    }

    /// <summary>Logical channel in use (0 = basic).</summary>
    public int Channel { get; private set; }

    public bool IsOpen { get; private set; }

    public IReadOnlyList<ApduExchange> Transcript => _transcript;

    public Es10ClientOptions Options => _options;

    /// <summary>Opens a channel (when configured) and selects the ISD-R on it.</summary>
    /// <exception cref="InvalidOperationException">The card refused MANAGE CHANNEL or SELECT.</exception>
    public void Open()
    {
        Channel = 0;
        if (_options.UseLogicalChannel)
        {
            var response = Exchange([0x00, 0x70, 0x00, 0x00, 0x01]);
            if (response.Length != 3 || Sw(response) != 0x9000)
                throw new InvalidOperationException($"MANAGE CHANNEL open answered {Convert.ToHexString(response)}");
            Channel = response[0];
        }
        byte[] select = [Cla(0x00), 0xA4, 0x04, 0x00, (byte)Aids.IsdR.Length, .. Aids.IsdR];
        var answer = Exchange(select);
        var sw = Sw(answer);
        while (sw >> 8 == 0x61)
        {
            answer = Exchange([Cla(0x00), 0xC0, 0x00, 0x00, (byte)sw]);
            sw = Sw(answer);
        }
        if (sw != 0x9000) throw new InvalidOperationException($"SELECT ISD-R answered {sw:X4}");
        IsOpen = true;
    }

    /// <summary>Closes the logical channel (nothing to do on the basic channel).</summary>
    public void Close()
    {
        if (IsOpen && Channel != 0) Exchange([0x00, 0x70, 0x80, (byte)Channel, 0x00]);
        IsOpen = false;
    }

    /// <summary>Sends one ES10 request as STORE DATA blocks and collects the whole response.</summary>
    public Es10Response Send(ReadOnlySpan<byte> request)
    {
        if (!IsOpen) throw new InvalidOperationException("Open() first");
        var blockCount = Math.Max(1, (request.Length + _options.BlockSize - 1) / _options.BlockSize);
        if (blockCount > 256) throw new ArgumentException("more than 256 STORE DATA blocks", nameof(request));
        var data = new List<byte>();
        byte[] response = [];
        for (var i = 0; i < blockCount; i++)
        {
            var last = i == blockCount - 1;
            var block = request.Slice(i * _options.BlockSize, Math.Min(_options.BlockSize, request.Length - (i * _options.BlockSize)));
            var extended = _options.BlockSize > 255;
            byte[] lc = extended ? [0x00, (byte)(block.Length >> 8), (byte)block.Length] : [(byte)block.Length];
            byte[] apdu = [Cla(0x80), 0xE2, (byte)(last ? 0x91 : 0x11), (byte)i, .. lc, .. block];
            if (last && _options.SendLe) apdu = extended ? [.. apdu, 0x00, 0x00] : [.. apdu, 0x00];
            response = Exchange(apdu);
            // A proactive command may be pending (91xx, ETSI TS 102 221 §7.4.2.2) on any block: the chain goes on.
            var sw = Sw(response);
            if (!last && sw != 0x9000 && sw >> 8 != 0x91) return new Es10Response([.. response[..^2]], sw);
        }
        data.AddRange(response[..^2]);
        var status = Sw(response);
        while (status >> 8 == 0x61)
        {
            response = Exchange([Cla(0x00), 0xC0, 0x00, 0x00, (byte)status]);
            data.AddRange(response[..^2]);
            status = Sw(response);
        }
        return new Es10Response([.. data], status);
    }

    /// <summary>Sends one BPP segment: its own STORE DATA sequence with P2 from 0.</summary>
    // SGP.22 §2.5.5: each segment is a separate ES10b.LoadBoundProfilePackage call.
    public Es10Response SendSegment(ReadOnlySpan<byte> segment) => Send(segment);

    public void ClearTranscript() => _transcript.Clear();

    private byte[] Exchange(byte[] command)
    {
        var response = _card.Transmit(command);
        if (response.Length < 2) response = [0x6F, 0x00];
        if (_options.RecordTranscript) _transcript.Add(new ApduExchange(command, response));
        return response;
    }

    // ETSI TS 102 221 §10.1.1: channels 0-3 in b1-b2, 4-19 in the further interindustry range.
    private byte Cla(byte baseClass) => Channel < 4
        ? (byte)(baseClass | Channel)
        : (byte)((baseClass == 0x80 ? 0xC0 : 0x40) | (Channel - 4));

    private static ushort Sw(byte[] response) => (ushort)(response[^2] << 8 | response[^1]);
}
