using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace EuiccEmulator.Card.Tests.Uicc.Suci;

/// <summary>
/// The home network side of SUCI de-concealment (3GPP TS 33.501 Annex C.3.3), written on BouncyCastle only: a second
/// implementation the card's concealment is checked against.
/// </summary>
internal static class SuciNetwork
{
    /// <summary>The scheme input, or null when the MAC tag does not verify.</summary>
    public static byte[]? Deconceal(byte scheme, byte[] hnPrivate, byte[] output)
    {
        byte[] ephemeral, shared;
        if (scheme == 1)
        {
            ephemeral = output[..32];
            var agreement = new X25519Agreement();
            agreement.Init(new X25519PrivateKeyParameters(hnPrivate));
            shared = new byte[32];
            agreement.CalculateAgreement(new X25519PublicKeyParameters(ephemeral), shared, 0);
        }
        else if (scheme == 2)
        {
            ephemeral = output[..33];
            var domain = ECNamedCurveTable.GetByName("secp256r1");
            var parameters = new ECDomainParameters(domain.Curve, domain.G, domain.N, domain.H);
            var agreement = new ECDHBasicAgreement();
            agreement.Init(new ECPrivateKeyParameters(new BigInteger(1, hnPrivate), parameters));
            var point = new ECPublicKeyParameters(domain.Curve.DecodePoint(ephemeral), parameters);
            shared = BigIntegers.AsUnsignedByteArray(32, agreement.CalculateAgreement(point));
        }
        else
        {
            return output;
        }
        var ciphertext = output[ephemeral.Length..^8];
        var tag = output[^8..];
        // ANSI X9.63 = KDF2 (counter from 1) with SharedInfo = the ephemeral key as received.
        var kdf = new Kdf2BytesGenerator(new Sha256Digest());
        kdf.Init(new KdfParameters(shared, ephemeral));
        var keys = new byte[64];
        kdf.GenerateBytes(keys, 0, keys.Length);
        var hmac = new HMac(new Sha256Digest());
        hmac.Init(new KeyParameter(keys, 32, 32));
        hmac.BlockUpdate(ciphertext, 0, ciphertext.Length);
        var mac = new byte[32];
        hmac.DoFinal(mac, 0);
        if (!Arrays.FixedTimeEquals(8, mac, 0, tag, 0)) return null;
        var ctr = new SicBlockCipher(new AesEngine());
        ctr.Init(false, new ParametersWithIV(new KeyParameter(keys, 0, 16), keys, 16, 16));
        var plain = new byte[ciphertext.Length];
        var block = new byte[16];
        for (var offset = 0; offset < ciphertext.Length; offset += 16)
        {
            var n = Math.Min(16, ciphertext.Length - offset);
            var input = new byte[16];
            Array.Copy(ciphertext, offset, input, 0, n);
            ctr.ProcessBlock(input, 0, block, 0);
            Array.Copy(block, 0, plain, offset, n);
        }
        return plain;
    }
}
