namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>The network authentication algorithm of a profile; wire values of SAIP v3.3.1 AlgoParameter.algorithmID.</summary>
internal enum AkaAlgorithm
{
    /// <summary>3GPP TS 35.206 Milenage.</summary>
    Milenage = 1,

    /// <summary>3GPP TS 35.231 TUAK.</summary>
    Tuak = 2,

    /// <summary>The XOR test algorithm of 3GPP TS 34.108 §8.1.2 (the TS.48 test profiles use it).</summary>
    UsimTestAlgorithm = 3,
}

/// <summary>
/// The security context of AUTHENTICATE; wire values of P2 (3GPP TS 31.102 §7.1.1: b8 = 1 "specific reference
/// data", b3-b1 the context).
/// </summary>
internal enum AuthenticationContext : byte
{
    /// <summary>GSM context: RAND in, SRES and Kc out (TS 31.102 §7.1.2.2).</summary>
    Gsm = 0x80,

    /// <summary>3G context (also used for EPS and 5G AKA): RAND and AUTN in, RES, CK, IK [Kc] or AUTS out (TS 31.102 §7.1.2.1).</summary>
    Umts = 0x81,
}
