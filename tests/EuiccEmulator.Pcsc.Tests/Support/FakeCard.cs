using System.Collections.Concurrent;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Pcsc.Tests.Support;

/// <summary>A card that records power events and commands and answers through a replaceable responder.</summary>
internal sealed class FakeCard : ICard
{
    // Offers T=0 only (TD1 = 0x80), like the emulator's default ATR.
    public static readonly byte[] DefaultAtr = Convert.FromHexString("3B9F96803FC7A08031E073FE211F6400000000");

    private readonly ConcurrentQueue<string> _calls = new();

    public ReadOnlyMemory<byte> Atr { get; set; } = DefaultAtr;

    /// <summary>Default: 9000 for anything.</summary>
    public Func<byte[], byte[]> Responder { get; set; } = _ => [0x90, 0x00];

    public IReadOnlyList<string> Calls => [.. _calls];

    public void ClearCalls() => _calls.Clear();

    public void PowerOn() => _calls.Enqueue("PowerOn");

    public void PowerOff() => _calls.Enqueue("PowerOff");

    public void Reset() => _calls.Enqueue("Reset");

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        var command = commandApdu.ToArray();
        _calls.Enqueue("Transmit " + Convert.ToHexString(command));
        return Responder(command);
    }
}
