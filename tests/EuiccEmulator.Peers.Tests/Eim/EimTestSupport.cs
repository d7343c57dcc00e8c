using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Peers.Tests.Eim;

/// <summary>Fixed inputs and a stand-in card key for the eIM tests.</summary>
internal static class EimTestSupport
{
    public const string IccidDigits = "89000123456789012341";

    // Nibble-swapped BCD of IccidDigits.
    public const string IccidDo = "5A0A98001032547698103214";

    public const string EidDigits = "89049032123451234512345678901235";

    public static readonly byte[] TransactionId = Convert.FromHexString("0102030405060708090A0B0C0D0E0F10");

    public static Iccid Iccid => Iccid.Parse(IccidDigits);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static TestEim NewEim(Func<TestEimOptions, TestEimOptions>? change = null)
    {
        var options = new TestEimOptions { Eid = Eid.Parse(EidDigits) };
        return new TestEim(change is null ? options : change(options));
    }

    /// <summary>A stand-in eUICC key with a self-signed certificate, to sign hand-made results.</summary>
    public sealed class CardKey : IDisposable
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public CardKey()
        {
            var request = new CertificateRequest("CN=test eUICC", _key, HashAlgorithmName.SHA256);
            // Serial 01: the ASN.1 oracle reads serials as 64-bit integers.
            using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(_key),
                DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), [0x01]);
            Certificate = certificate.RawData;
        }

        public byte[] Certificate { get; }

        public byte[] Sign(ReadOnlySpan<byte> data) =>
            _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public void Dispose() => _key.Dispose();
    }

    public static byte[] Utf8Do(int tag, string text) => TlvCodec.Encode(tag, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// BF51 A0 { 30 { 80, 81, 82?, 83, 30 results }, 5F37 sig } signed over data ‖ the chosen DO
    /// of <paramref name="request"/>.
    /// </summary>
    public static byte[] SignedResult(
        CardKey card, EuiccPackageRequest request, EprSignatureInput input, long seq, params byte[][] results) =>
        SignedResult(card, request, input, request.EimId, request.CounterValue, request.TransactionId, seq, results);

    public static byte[] SignedResult(
        CardKey card,
        EuiccPackageRequest request,
        EprSignatureInput input,
        string eimId,
        long counter,
        byte[]? txId,
        long seq,
        params byte[][] results)
    {
        var data = TlvCodec.Constructed(0x30,
            Utf8Do(0x80, eimId),
            IntegerDo(0x81, counter),
            txId is null ? [] : TlvCodec.Encode(0x82, txId),
            IntegerDo(0x83, seq),
            TlvCodec.Constructed(0x30, results));
        var signature = card.Sign(TestEim.ResultSignatureInput(data, request, input));
        return TlvCodec.Constructed(0xBF51, TlvCodec.Constructed(0xA0, data, TlvCodec.Encode(0x5F37, signature)));
    }

    /// <summary>BF51 A1 { 30 { 80, 81, 82?, 02 code }, 5F37 sig }.</summary>
    public static byte[] SignedError(CardKey card, EuiccPackageRequest request, EprSignatureInput input, int code)
    {
        var data = TlvCodec.Constructed(0x30,
            Utf8Do(0x80, request.EimId),
            IntegerDo(0x81, request.CounterValue),
            request.TransactionId is null ? [] : TlvCodec.Encode(0x82, request.TransactionId),
            IntegerDo(0x02, code));
        var signature = card.Sign(TestEim.ResultSignatureInput(data, request, input));
        return TlvCodec.Constructed(0xBF51, TlvCodec.Constructed(0xA1, data, TlvCodec.Encode(0x5F37, signature)));
    }

    public static byte[] IntegerDo(int tag, long value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(value);
        var universal = writer.Encode();
        return TlvCodec.Encode(tag, universal.AsSpan(2));
    }
}
