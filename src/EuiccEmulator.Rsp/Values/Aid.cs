namespace EuiccEmulator.Rsp.Values;

/// <summary>Application identifiers the card knows.</summary>
// SGP.02 Annex H / SGP.22 §2.2.3.
public static class Aids
{
    /// <summary>The ISD-R AID.</summary>
    public static readonly byte[] IsdR = Convert.FromHexString("A0000005591010FFFFFFFF8900000100");
    /// <summary>The ECASD AID.</summary>
    public static readonly byte[] Ecasd = Convert.FromHexString("A0000005591010FFFFFFFF8900000200");

    /// <summary>Bytes 0-13 of every ISD-P instance AID; byte 14-15 count up per installed profile.</summary>
    public static readonly byte[] IsdPPrefix = Convert.FromHexString("A0000005591010FFFFFFFF8900");

    /// <summary>ISD-P AID for allocation number n: prefix, n as two bytes, 00 (real cards start at 0x0010).</summary>
    // SGP.32 CompactSuccessResult carries only bytes 14-15 of the ISD-P AID.
    public static byte[] IsdP(int number)
    {
        var aid = new byte[16];
        IsdPPrefix.CopyTo(aid, 0);
        aid[13] = (byte)(number >> 8);
        aid[14] = (byte)number;
        return aid;
    }
}
