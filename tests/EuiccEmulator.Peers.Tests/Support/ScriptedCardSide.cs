using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Peers.Tests.Support;

/// <summary>
/// A minimal card side written from docs/download.md and docs/crypto.md only, to exercise the peer: answers BF20, BF2E, BF38, BF21,
/// the BPP segments (unwrapping them with BspUnwrapper) and BF41, signing with an eUICC under the SGP.26 EUM.
/// </summary>
internal sealed class ScriptedCardSide : IDisposable
{
    public static readonly Lazy<CardIdentityRecord> SharedIdentity =
        new(() => CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));

    private readonly EcSigningKey _key;
    private readonly SigningChain _chain;
    private byte[]? _challenge;
    private byte[]? _txId;
    private EcdhKeyPair? _otsk;
    private BspUnwrapper? _unwrapper;
    private int _segment;
    private int _a3Remaining = -1;
    private readonly List<byte> _metadata = [];
    private readonly List<byte> _profile = [];

    public ScriptedCardSide()
    {
        _chain = SharedIdentity.Value.SigningChains[0];
        _key = EcSigningKey.ImportPkcs8(_chain.EuiccPrivateKeyPkcs8);
    }

    public byte[] Eid16 => Eid.Parse(SharedIdentity.Value.Eid).ToBytes();

    public byte[]? ConfigureIsdp { get; private set; }

    public byte[] StoreMetadata => [.. _metadata];

    public byte[]? ReplaceSessionKeys { get; private set; }

    public byte[] Profile => [.. _profile];

    public byte[]? InitialiseSecureChannel { get; private set; }

    public BspSessionKeys? SessionKeys { get; private set; }

    /// <summary>The ISD-P AID the card reports.</summary>
    public static readonly byte[] IsdpAid = Convert.FromHexString("A0000005591010FFFFFFFF8900001000");

    public byte[] Handle(byte[] request)
    {
        if (request[0] is 0xA0 or 0xA1 or 0xA2 or 0xA3 or 0x86 or 0x88 || (request[0] == 0xBF && request[1] == 0x36) || _segment > 0)
            return Segment(request);
        var tlv = TlvCodec.Read(request);
        return tlv.Tag switch
        {
            0xBF20 => TlvCodec.Constructed(0xBF20, TlvCodec.Encode(0x82, [2, 5, 0]),
                TlvCodec.Constructed(0xA9, TlvCodec.Encode(0x04, _chain.CiSubjectKeyId)),
                TlvCodec.Constructed(0xAA, TlvCodec.Encode(0x04, _chain.CiSubjectKeyId))),
            0xBF2E => Challenge(),
            0xBF38 => Authenticate(tlv),
            0xBF21 => Prepare(tlv),
            0xBF41 => Cancel(tlv),
            _ => Segment(request),
        };
    }

    private byte[] Challenge()
    {
        _challenge = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        return TlvCodec.Constructed(0xBF2E, TlvCodec.Encode(0x80, _challenge));
    }

    private byte[] Authenticate(Tlv bf38)
    {
        var parts = bf38.Children();
        var signed = parts[0].Children();
        _txId = signed[0].Value.ToArray();
        if (!signed[1].Value.Span.SequenceEqual(_challenge))
            return TlvCodec.Constructed(0xBF38, TlvCodec.Constructed(0xA1, TlvCodec.Encode(0x80, _txId), TlvCodec.Encode(0x02, [6])));
        var euiccSigned1 = TlvCodec.Constructed(0x30, signed[0].Raw.ToArray(), signed[2].Raw.ToArray(), signed[3].Raw.ToArray(),
            Convert.FromHexString("BF2203820102"), parts[4].Raw.ToArray());
        return TlvCodec.Constructed(0xBF38, TlvCodec.Constructed(0xA0, euiccSigned1, TlvCodec.Encode(0x5F37, _key.Sign(euiccSigned1)),
            _chain.EuiccCertificate, _chain.EumCertificate));
    }

    private byte[] Prepare(Tlv bf21)
    {
        var parts = bf21.Children();
        _otsk = EcdhKeyPair.Generate(EcCurve.NistP256);
        var hashCc = parts.FirstOrDefault(p => p.Tag == 0x04);
        var euiccSigned2 = TlvCodec.Constructed(0x30, TlvCodec.Encode(0x80, _txId), TlvCodec.Encode(0x5F49, _otsk.PublicPoint.Span),
            hashCc.Raw.IsEmpty ? [] : hashCc.Raw.ToArray());
        var signature = _key.Sign([.. euiccSigned2, .. parts[1].Raw.Span]);
        return TlvCodec.Constructed(0xBF21, TlvCodec.Constructed(0xA0, euiccSigned2, TlvCodec.Encode(0x5F37, signature)));
    }

    private byte[] Cancel(Tlv bf41)
    {
        var parts = bf41.Children();
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        writer.WriteObjectIdentifier("2.999.10", new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 1));
        var signed = TlvCodec.Constructed(0x30, parts[0].Raw.ToArray(), writer.Encode(), TlvCodec.Encode(0x82, parts[1].Value.Span));
        return TlvCodec.Constructed(0xBF41, TlvCodec.Constructed(0xA0, signed, TlvCodec.Encode(0x5F37, _key.Sign(signed))));
    }

    private byte[] Segment(byte[] segment)
    {
        try
        {
            var index = _segment++;
            if (index == 0)
            {
                if (segment[0] != 0xBF || segment[1] != 0x36) throw new FormatException("first segment is not BF36");
                var bf36HeaderLength = 2 + (segment[2] < 0x80 ? 1 : 1 + (segment[2] & 0x7F));
                var bf23 = TlvCodec.Read(segment.AsMemory(bf36HeaderLength));
                InitialiseSecureChannel = bf23.Raw.ToArray();
                var fields = bf23.Children();
                var smdpOtpk = fields[3].Value.ToArray();
                var hostId = fields[2].Children()[2].Value.ToArray();
                SessionKeys = BspKeyDerivation.Derive(_otsk!.DeriveSharedSecret(smdpOtpk), 0x88, 0x10, hostId, Eid16);
                _unwrapper = new BspUnwrapper(SessionKeys);
                return [];
            }
            if (segment[0] is 0xA1) return [];
            if (segment[0] is 0xA3)
            {
                _a3Remaining = ReadA3Length(segment);
                return [];
            }
            var tlv = TlvCodec.Read(segment);
            switch (tlv.Tag)
            {
                case 0xA0:
                    ConfigureIsdp = _unwrapper!.Unwrap(tlv.Children()[0].Raw.Span);
                    return [];
                case 0x88:
                    _metadata.AddRange(_unwrapper!.Unwrap(segment));
                    return [];
                case 0xA2:
                    ReplaceSessionKeys = _unwrapper!.Unwrap(tlv.Children()[0].Raw.Span);
                    var keys = TlvCodec.ReadSingle(ReplaceSessionKeys).Children();
                    _unwrapper.ReplaceSessionKeys(
                        new BspSessionKeys(keys[0].Value.ToArray(), keys[1].Value.ToArray(), keys[2].Value.ToArray()));
                    return [];
                case 0x86:
                    _profile.AddRange(_unwrapper!.Unwrap(segment));
                    _a3Remaining -= segment.Length;
                    return _a3Remaining == 0 ? Result(null) : [];
                default:
                    throw new FormatException($"unexpected segment {tlv.Tag:X2}");
            }
        }
        catch (Exception e) when (e is BspException or FormatException)
        {
            return Result(e is BspException { Failure: BspFailure.SecurityError } ? 8 : 7);
        }
    }

    private static int ReadA3Length(byte[] header)
    {
        var lengthBytes = header.AsSpan(1);
        if (lengthBytes[0] < 0x80) return lengthBytes[0];
        var value = 0;
        for (var i = 1; i <= (lengthBytes[0] & 0x7F); i++) value = value << 8 | lengthBytes[i];
        return value;
    }

    private byte[] Result(int? errorReason)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        writer.WriteObjectIdentifier("2.999.10");
        var final = errorReason is { } reason
            ? TlvCodec.Constructed(0xA1, TlvCodec.Encode(0x80, [5]), TlvCodec.Encode(0x81, [(byte)reason]))
            : TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x4F, IsdpAid),
                TlvCodec.Encode(0x04, Convert.FromHexString("3007A00530038001" + "00")));
        var data = TlvCodec.Constructed(0xBF27,
            TlvCodec.Encode(0x80, _txId),
            TlvCodec.Constructed(0xBF2F, TlvCodec.Encode(0x80, [1]), TlvCodec.Encode(0x81, [0x07, 0x80]),
                TlvCodec.Encode(0x0C, "testsmdpplus1.example.com"u8)),
            writer.Encode(),
            TlvCodec.Constructed(0xA2, final));
        return TlvCodec.Constructed(0xBF37, data, TlvCodec.Encode(0x5F37, _key.Sign(data)));
    }

    public void Dispose()
    {
        _key.Dispose();
        _otsk?.Dispose();
        _unwrapper?.Dispose();
    }
}
