using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.CardOs;

/// <summary>Reassembles one BER-TLV object from a sequence of STORE DATA blocks.</summary>
// GP Card Spec §11.11.2: P1 b8 = last block, b5-b4 = '10' BER-TLV; P2 = block number from 00.
internal sealed class StoreDataAssembler(int maxSize)
{
    private readonly MemoryStream _buffer = new();
    private int _nextBlock;

    public bool InProgress => _nextBlock > 0;

    /// <summary>Adds a block; returns the complete object after the last block, else null.</summary>
    public byte[]? Add(byte p1, byte p2, ReadOnlySpan<byte> data)
    {
        var last = (p1 & 0x80) != 0;
        if ((p1 & 0x7E) != 0x10)
        {
            Clear();
            throw new CardException(StatusWord.IncorrectP1P2, "STORE DATA P1 is not BER-TLV, unencrypted");
        }
        if (p2 == 0 && _nextBlock != 0) Clear(); // a new sequence discards the unfinished one
        if (p2 != _nextBlock)
        {
            Clear();
            throw new CardException(StatusWord.IncorrectP1P2, $"STORE DATA block {p2} out of sequence");
        }
        if (data.IsEmpty)
        {
            Clear();
            throw new CardException(StatusWord.WrongLength, "STORE DATA without data");
        }
        if (_buffer.Length + data.Length > maxSize)
        {
            Clear();
            throw new CardException(StatusWord.NotEnoughMemory, "ES10 request too large");
        }
        if (!last && _nextBlock == 255)
        {
            Clear();
            throw new CardException(StatusWord.IncorrectP1P2, "STORE DATA block counter overflow");
        }
        _buffer.Write(data);
        if (!last)
        {
            _nextBlock++;
            return null;
        }
        var complete = _buffer.ToArray();
        Clear();
        return complete;
    }

    public void Clear()
    {
        _buffer.SetLength(0);
        _nextBlock = 0;
    }
}
