using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.CardOs;

/// <summary>A decoded CLA byte: logical channel, interindustry or proprietary (GP) class.</summary>
// ETSI TS 102 221 §10.1.1 / ISO 7816-4 §5.4.1: '0X'/'8X' for channels 0-3, '4X'/'CX' for 4-19.
internal readonly record struct ClassByte(byte Raw, int Channel, bool Proprietary)
{
    public const int MaxChannels = 20;

    /// <summary>Decodes CLA; secure messaging, command chaining or an unknown class raise the ISO status word.</summary>
    public static ClassByte Decode(byte cla)
    {
        var proprietary = (cla & 0x80) != 0;
        switch (cla & 0x60)
        {
            case 0x00: // first interindustry (or 8X): b5 chaining, b4-b3 SM, b2-b1 channel
                if ((cla & 0x10) != 0) throw new CardException(StatusWord.CommandChainingNotSupported);
                if ((cla & 0x0C) != 0) throw new CardException(StatusWord.SecureMessagingNotSupported);
                return new ClassByte(cla, cla & 0x03, proprietary);
            case 0x40: // further interindustry (or CX/DX): b6 SM, b5 chaining, b4-b1 channel - 4
                if ((cla & 0x10) != 0) throw new CardException(StatusWord.CommandChainingNotSupported);
                return new ClassByte(cla, 4 + (cla & 0x0F), proprietary);
            case 0x60: // 6X/EX/FX: secure messaging in the further class; FF is invalid per ISO
                if (cla == 0xFF) throw new CardException(StatusWord.ClaNotSupported);
                throw new CardException(StatusWord.SecureMessagingNotSupported);
            default: // 2X/3X/AX/BX: not an ISO/GP class this card speaks (A0 is the GSM class)
                throw new CardException(StatusWord.ClaNotSupported);
        }
    }
}
