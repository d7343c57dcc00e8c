namespace EuiccEmulator.Card.Uicc;

/// <summary>A PIN or ADM key of a profile (SAIP PINConfiguration), with its retry counter.</summary>
// ETSI TS 102 221 §9.5 (PIN), SAIP v3.3.1 PE-PINCodes.
internal sealed class Pin
{
    public required byte KeyReference { get; init; }

    /// <summary>8 bytes, padded with 'FF' (ETSI TS 102 221 §9.5.1).</summary>
    public required byte[] Value { get; set; }

    public byte? UnblockReference { get; init; }

    /// <summary>SAIP pinAttributes (DEFAULT 7).</summary>
    public byte Attributes { get; init; } = 7;

    public int MaxAttempts { get; init; }

    public int Remaining { get; set; }

    /// <summary>Whether the PIN is enabled (verification required); ADM keys are always enabled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Verified in this card session (volatile).</summary>
    public bool Verified { get; set; }

    public bool Blocked => Remaining == 0;

    /// <summary>ADM keys (ETSI TS 102 221 §9.5.1 key references 0A-0E, 8A-8E) cannot be disabled.</summary>
    public bool IsAdm => (KeyReference & 0x7F) is >= 0x0A and <= 0x0E;

    public bool IsLocal => (KeyReference & 0x80) != 0;
}

/// <summary>A PUK (SAIP PUKConfiguration), with its retry counter.</summary>
internal sealed class Puk
{
    public required byte KeyReference { get; init; }

    public required byte[] Value { get; set; }

    public int MaxAttempts { get; init; }

    public int Remaining { get; set; }
}

/// <summary>The PINs of one context: the card's global PINs, or a DF/ADF's local PINs.</summary>
internal sealed class PinTable
{
    private readonly List<Pin> _pins = [];

    /// <summary>Where the table was defined (for the persistent state key).</summary>
    public required string Scope { get; init; }

    public IReadOnlyList<Pin> Pins => _pins;

    public Pin? Find(byte keyReference) => _pins.Find(p => p.KeyReference == keyReference);

    public void Add(Pin pin)
    {
        _pins.RemoveAll(p => p.KeyReference == pin.KeyReference);
        _pins.Add(pin);
    }
}
