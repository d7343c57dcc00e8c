using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Peers.Tests.Support;

/// <summary>An ICard around <see cref="ScriptedCardSide"/>: MANAGE CHANNEL, SELECT, STORE DATA reassembly, 61xx + GET RESPONSE.</summary>
internal sealed class ScriptedEuicc : ICard, IDisposable
{
    private readonly List<byte> _buffer = [];
    private byte[] _pending = [];
    private int _expectedP2;

    public ScriptedCardSide Side { get; } = new();

    /// <summary>Largest response returned at once before 61xx chaining.</summary>
    public int MaxResponseChunk { get; init; } = 200;

    public List<byte[]> Commands { get; } = [];

    public ReadOnlyMemory<byte> Atr => new byte[] { 0x3B, 0x00 };

    public void PowerOn()
    {
    }

    public void PowerOff()
    {
    }

    public void Reset()
    {
    }

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        var apdu = commandApdu.ToArray();
        Commands.Add(apdu);
        switch (apdu[1])
        {
            case 0x70:
                return apdu[2] == 0x00 ? [0x01, 0x90, 0x00] : [0x90, 0x00];
            case 0xA4:
                return [0x90, 0x00];
            case 0xC0:
                return Serve(apdu[4] == 0 ? 256 : apdu[4]);
            case 0xE2:
                if (apdu[3] != _expectedP2) return [0x6A, 0x86];
                _buffer.AddRange(apdu.AsSpan(5, apdu[4]).ToArray());
                if (apdu[2] == 0x11)
                {
                    _expectedP2++;
                    return [0x90, 0x00];
                }
                _expectedP2 = 0;
                var request = _buffer.ToArray();
                _buffer.Clear();
                _pending = Side.Handle(request);
                return Serve(MaxResponseChunk);
            default:
                return [0x6D, 0x00];
        }
    }

    private byte[] Serve(int max)
    {
        var n = Math.Min(max, _pending.Length);
        var chunk = _pending[..n];
        _pending = _pending[n..];
        if (_pending.Length == 0) return [.. chunk, 0x90, 0x00];
        return [.. chunk, 0x61, (byte)Math.Min(_pending.Length, 255)];
    }

    public void Dispose() => Side.Dispose();
}
