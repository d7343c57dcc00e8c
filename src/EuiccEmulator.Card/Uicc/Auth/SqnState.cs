using System.Buffers.Binary;
using System.Collections.Immutable;

namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// What the USIM keeps per profile for SQN checks: the array SEQ_MS(0..31) of the highest SEQ accepted per IND
/// (3GPP TS 33.102 Annex C.2.2). Immutable; <see cref="Aka.Authenticate"/> returns the successor.
/// Serialized form (<see cref="ToBytes"/>): '01' (format), count (32), then count SEQ values of 6 bytes big-endian.
/// </summary>
internal sealed class SqnState : IEquatable<SqnState>
{
    private const byte Format = 0x01;
    private readonly ulong[] seq;

    private SqnState(ulong[] seq) => this.seq = seq;

    /// <summary>All SEQ_MS = 0: nothing accepted yet (SAIP sqnInit default).</summary>
    public static SqnState Initial { get; } = new(new ulong[SqnPolicy.ArraySize]);

    /// <summary>SEQ_MS(i) for IND = i.</summary>
    public ImmutableArray<ulong> SeqMs => ImmutableArray.Create(seq);

    /// <summary>SEQ_MS(ind).</summary>
    public ulong this[int ind] => seq[ind];

    /// <summary>Length of <see cref="ToBytes"/>.</summary>
    public static int SerializedLength => 2 + SqnPolicy.ArraySize * 6;

    /// <summary>The highest SEQ accepted anywhere in the array and the lowest IND holding it.</summary>
    public (ulong Seq, int Ind) Highest
    {
        get
        {
            var ind = 0;
            for (var i = 1; i < seq.Length; i++)
                if (seq[i] > seq[ind]) ind = i;
            return (seq[ind], ind);
        }
    }

    /// <summary>SQN_MS, the highest previously accepted sequence number, SEQ_MS || IND (TS 33.102 §6.3.5, Annex C.3.4).</summary>
    public ulong SqnMs
    {
        get
        {
            var (s, i) = Highest;
            return (s << SqnPolicy.IndBits) | (uint)i;
        }
    }

    /// <summary>The state of SAIP sqnInit: 32 SEQ values (without IND), each at most '07FFFFFFFFFF'H.</summary>
    public static SqnState FromSeqArray(IReadOnlyList<ulong> seqMs)
    {
        ArgumentNullException.ThrowIfNull(seqMs);
        if (seqMs.Count != SqnPolicy.ArraySize)
            throw new ArgumentException($"SEQ array must have {SqnPolicy.ArraySize} entries, has {seqMs.Count}", nameof(seqMs));
        var copy = new ulong[SqnPolicy.ArraySize];
        for (var i = 0; i < copy.Length; i++)
        {
            if (seqMs[i] > SqnPolicy.MaxSeq)
                throw new ArgumentException($"SEQ[{i}] exceeds {SqnPolicy.MaxSeq:X}", nameof(seqMs));
            copy[i] = seqMs[i];
        }
        return new SqnState(copy);
    }

    /// <summary>The state of SAIP sqnInit given as its 32 OCTET STRING (SIZE(6)) values.</summary>
    public static SqnState FromSaipSqnInit(IReadOnlyList<ReadOnlyMemory<byte>> sqnInit)
    {
        ArgumentNullException.ThrowIfNull(sqnInit);
        var values = new ulong[sqnInit.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (sqnInit[i].Length != 6) throw new ArgumentException($"sqnInit[{i}] must be 6 bytes", nameof(sqnInit));
            values[i] = ReadUInt48(sqnInit[i].Span);
        }
        return FromSeqArray(values);
    }

    /// <summary>Reads the form written by <see cref="ToBytes"/>; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SqnState? state)
    {
        state = null;
        if (data.Length != SerializedLength || data[0] != Format || data[1] != SqnPolicy.ArraySize) return false;
        var values = new ulong[SqnPolicy.ArraySize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadUInt48(data.Slice(2 + i * 6, 6));
            if (values[i] > SqnPolicy.MaxSeq) return false;
        }
        state = new SqnState(values);
        return true;
    }

    /// <summary>The persisted form.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[SerializedLength];
        bytes[0] = Format;
        bytes[1] = SqnPolicy.ArraySize;
        for (var i = 0; i < seq.Length; i++) WriteUInt48(bytes.AsSpan(2 + i * 6, 6), seq[i]);
        return bytes;
    }

    internal SqnState With(int ind, ulong value)
    {
        var copy = (ulong[])seq.Clone();
        copy[ind] = value;
        return new SqnState(copy);
    }

    internal static ulong ReadUInt48(ReadOnlySpan<byte> b) =>
        ((ulong)BinaryPrimitives.ReadUInt16BigEndian(b) << 32) | BinaryPrimitives.ReadUInt32BigEndian(b[2..]);

    internal static void WriteUInt48(Span<byte> b, ulong v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)(v >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(b[2..], (uint)v);
    }

    public bool Equals(SqnState? other) => other is not null && seq.AsSpan().SequenceEqual(other.seq);

    public override bool Equals(object? obj) => Equals(obj as SqnState);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in seq) h.Add(v);
        return h.ToHashCode();
    }

    public override string ToString() => $"SqnState(SQN_MS={SqnMs:X12})";
}
