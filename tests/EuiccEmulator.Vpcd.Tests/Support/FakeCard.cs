using System.Collections.Concurrent;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Vpcd.Tests.Support;

/// <summary>A card that records its calls and answers APDUs through a replaceable responder.</summary>
internal sealed class FakeCard : ICard
{
    public static readonly byte[] DefaultAtr = Convert.FromHexString("3B9F96803FC7A08031E073FE211F6400000000");

    private readonly ConcurrentQueue<string> _calls = new();

    public ReadOnlyMemory<byte> Atr { get; set; } = DefaultAtr;

    /// <summary>Default: echo the command back followed by 9000.</summary>
    public Func<byte[], byte[]> Responder { get; set; } = command => [.. command, 0x90, 0x00];

    public IReadOnlyList<string> Calls => [.. _calls];

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
