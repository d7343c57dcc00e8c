namespace EuiccEmulator.Card.Uicc.Suci;

/// <summary>SUCI protection scheme identifiers, with their wire values (3GPP TS 33.501 Annex C.1, TS 24.501 §9.11.3.4).</summary>
internal enum ProtectionScheme : byte
{
    /// <summary>The scheme output is the scheme input (Annex C.2).</summary>
    Null = 0x0,

    /// <summary>ECIES over Curve25519 (X25519), AES-128-CTR, HMAC-SHA-256 (Annex C.3.4.1).</summary>
    ProfileA = 0x1,

    /// <summary>ECIES over secp256r1 with point compression, AES-128-CTR, HMAC-SHA-256 (Annex C.3.4.2).</summary>
    ProfileB = 0x2,
}
