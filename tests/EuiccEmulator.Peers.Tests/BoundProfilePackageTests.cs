using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers.Tests.Support;
using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Peers.Tests;

public class BoundProfilePackageTests
{
    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b);

    private static byte[] Pir(ScriptedCardSide card, BoundProfilePackage bpp)
    {
        byte[] last = [];
        foreach (var segment in bpp.Segments)
        {
            last = card.Handle(segment);
            if (last.Length > 0) break;
        }
        return last;
    }

    [SkippableFact]
    public void TinyBpp_SegmentList_IsExact()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bpp = smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata());

        Assert.Equal(
            [BppSegmentKind.InitialiseSecureChannel, BppSegmentKind.ConfigureIsdp, BppSegmentKind.StoreMetadataHeader,
             BppSegmentKind.StoreMetadata, BppSegmentKind.ProfileDataHeader, BppSegmentKind.ProfileData],
            bpp.SegmentKinds);
        Assert.Equal(bpp.Bytes, bpp.Segments.SelectMany(s => s).ToArray());

        // BF23 = 82 01 01, 80 txId, A6 {80 01 88, 81 01 10, 84 hostId}, 5F49 41 otPK.DP, 5F37 40 smdpSign
        var prefix = "820101" + "8010000102030405060708090A0B0C0D0E0F" + "A618" + "800188" + "810110"
            + "841000112233445566778899AABBCCDDEEFF" + "5F4941" + Hex(bpp.SmdpOtpk);
        Assert.Equal("BF23" + "81B6" + prefix + "5F3740", Hex(bpp.InitialiseSecureChannel.AsSpan(0, 4 + (prefix.Length / 2) + 3)));
        var bf36Length = bpp.Bytes.Length - 5;
        Assert.Equal(
            "BF3682" + bf36Length.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + Hex(bpp.InitialiseSecureChannel),
            Hex(bpp.Segments[0]));

        // ConfigureISDP BF24 00 is 3 bytes: one AES block, plus 8 MAC bytes -> 87 18.
        Assert.Equal("BF2400", Hex(bpp.ConfigureIsdp));
        Assert.Equal("A01A8718", Hex(bpp.Segments[1].AsSpan(0, 4)));
        Assert.Equal(28, bpp.Segments[1].Length);
        // 88 carries BF25 in clear plus the MAC.
        Assert.Equal("BF2523" + "5A0A" + "98001032547698103214" + "9107" + Hex("Test SP"u8) + "920C" + Hex("Test profile"u8),
            Hex(bpp.StoreMetadata));
        Assert.Equal("A130", Hex(bpp.Segments[2]));
        Assert.Equal("882E" + Hex(bpp.StoreMetadata), Hex(bpp.Segments[3].AsSpan(0, 2 + bpp.StoreMetadata.Length)));
        // 40 plaintext bytes pad to 48, plus the MAC -> 86 38, under A3 3A.
        Assert.Equal("A33A", Hex(bpp.Segments[4]));
        Assert.Equal("8638", Hex(bpp.Segments[5].AsSpan(0, 2)));

        Oracle.AssertRoundTrips("BoundProfilePackage", bpp.Bytes);
        Oracle.AssertRoundTrips("InitialiseSecureChannelRequest", bpp.InitialiseSecureChannel);
        Oracle.AssertRoundTrips("ConfigureISDPRequest", bpp.ConfigureIsdp);
        Oracle.AssertRoundTrips("StoreMetadataRequest", bpp.StoreMetadata);
    }

    [SkippableFact]
    public void SmdpSign_CoversBf23ContentAndEuiccOtpk()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bpp = smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata());
        var fields = TlvCodec.ReadSingle(bpp.InitialiseSecureChannel).Children();
        var signedPart = fields.Take(4).SelectMany(f => f.Raw.ToArray()).ToArray();
        var key = EcPublicKey.FromCertificate(TestPki.DpPb(EcCurve.NistP256).Certificate);
        Assert.True(key.Verify([.. signedPart, .. TlvCodec.Encode(0x5F49, smdp.EuiccOtpk)], fields[4].Value.Span));
        Assert.False(key.Verify(signedPart, fields[4].Value.Span));
    }

    [SkippableTheory]
    [InlineData(false, 40)]
    [InlineData(true, 40)]
    [InlineData(false, 5000)]
    [InlineData(true, 5000)]
    public void Bpp_DecryptsBackWithBspUnwrapper(bool withPpk, int uppLength)
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var upp = Enumerable.Range(0, uppLength).Select(i => (byte)i).ToArray();
        var bpp = smdp.BuildBoundProfilePackage(upp, Session.Metadata(), withPpk, dpOid: "2.999.10");
        Assert.All(bpp.Segments, s => Assert.True(s.Length <= 1020));

        var pir = Pir(card, bpp);
        Assert.Equal(bpp.SessionKeys.EncryptionKey, card.SessionKeys!.EncryptionKey);
        Assert.Equal("BF2407B805" + "06038837" + "0A", Hex(card.ConfigureIsdp!));
        Assert.Equal(bpp.ConfigureIsdp, card.ConfigureIsdp);
        Assert.Equal(bpp.StoreMetadata, card.StoreMetadata);
        Assert.Equal(upp, card.Profile);
        if (withPpk)
        {
            Assert.Equal(bpp.ReplaceSessionKeys, card.ReplaceSessionKeys);
            Assert.Contains(BppSegmentKind.ReplaceSessionKeys, bpp.SegmentKinds);
            Oracle.AssertRoundTrips("ReplaceSessionKeysRequest", bpp.ReplaceSessionKeys!);
        }
        Oracle.AssertRoundTrips("BoundProfilePackage", bpp.Bytes);
        // asn1c 0.9.28 cannot decode dpProprietaryData B8 (ProfileInfo with B8 fails too): check it with System.Formats.Asn1.
        var reader = new System.Formats.Asn1.AsnReader(bpp.ConfigureIsdp, System.Formats.Asn1.AsnEncodingRules.DER)
            .ReadSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 36, true));
        var dp = reader.ReadSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 24, true));
        Assert.Equal("2.999.10", dp.ReadObjectIdentifier());
        Assert.False(dp.HasData || reader.HasData);

        var result = smdp.VerifyProfileInstallationResult(pir);
        Assert.True(result.IsOk, result.Problem);
        Assert.Equal(ScriptedCardSide.IsdpAid, result.IsdpAid);
        Oracle.AssertRoundTrips("ProfileInstallationResult", pir);
    }

    [SkippableFact]
    public void Bpp_SegmentsOnlyByTlvBoundaries_ManyProfileTlvs()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bpp = smdp.BuildBoundProfilePackage(new byte[4000], Session.Metadata());
        Assert.Equal(4, bpp.ProfileDataTlvCount);
        var a3 = bpp.Segments[bpp.SegmentKinds.ToList().IndexOf(BppSegmentKind.ProfileDataHeader)];
        Assert.Equal("A382", Hex(a3.AsSpan(0, 2)));
        var total = bpp.Segments.Where((s, i) => bpp.SegmentKinds[i] == BppSegmentKind.ProfileData).Sum(s => s.Length);
        Assert.Equal(total, a3[2] << 8 | a3[3]);
    }

    [SkippableFact]
    public void Faults_InitialiseSecureChannel()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var key = EcPublicKey.FromCertificate(TestPki.DpPb(EcCurve.NistP256).Certificate);
        IReadOnlyList<Tlv> Fields(SmdpFaults f) => TlvCodec.ReadSingle(
            smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata(), faults: f).InitialiseSecureChannel).Children();
        bool Signed(IReadOnlyList<Tlv> f) => key.Verify(
            [.. f.Take(4).SelectMany(t => t.Raw.ToArray()), .. TlvCodec.Encode(0x5F49, smdp.EuiccOtpk)], f[4].Value.Span);

        var op = Fields(new SmdpFaults { RemoteOpId = 2 });
        Assert.Equal("820102", Hex(op[0].Raw.Span));
        Assert.True(Signed(op));
        var crt = Fields(new SmdpFaults { CrtKeyType = 0x80, CrtKeyLength = 0x20 });
        Assert.Equal("800180810120", Hex(crt[2].Raw.Span)[4..16]);
        Assert.True(Signed(crt));
        var tx = Fields(new SmdpFaults { WrongTransactionIdInInitialiseSecureChannel = true });
        Assert.NotEqual(smdp.TransactionId, tx[1].Value.ToArray());
        Assert.True(Signed(tx));
        Assert.False(Signed(Fields(new SmdpFaults { BadSmdpSign = true })));
    }

    [SkippableTheory]
    [InlineData(0, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    public void Fault_BadMac_CardFindsItInThatTlv(int protectedIndex, int failingSegment)
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bpp = smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata(),
            faults: new SmdpFaults { BadMacInProtectedTlv = protectedIndex });
        for (var i = 0; i < bpp.Segments.Count; i++)
        {
            var answer = card.Handle(bpp.Segments[i]);
            if (answer.Length == 0) continue;
            Assert.Equal(failingSegment, i);
            var result = smdp.VerifyProfileInstallationResult(answer);
            Assert.Equal(PeerOutcome.CardError, result.Outcome);
            Assert.Equal(8, result.ErrorReason);
            return;
        }
        Assert.Fail("no result");
    }

    [SkippableFact]
    public void Fault_TruncateSegment_DropsLastByteOfThatSegmentOnly()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bpp = smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata(), faults: new SmdpFaults { TruncateSegment = 5 });
        Assert.Equal(bpp.Bytes.Length - 1, bpp.Segments.Sum(s => s.Length));
        Assert.Equal(0x38 + 1, bpp.Segments[5].Length);
    }

    [SkippableFact]
    public void Metadata_Encoding_ClassPprsNotificationsOwner()
    {
        var metadata = Session.Metadata() with
        {
            ProfileClass = ProfileClass.Test,
            Pprs = PprIds.Ppr1DisableNotAllowed | PprIds.Ppr2DeleteNotAllowed,
            NotificationConfigs = [new NotificationConfig(NotificationEvents.Install | NotificationEvents.Delete, "n.example")],
            ProfileOwner = new OperatorId([0x00, 0xF1, 0x10], [0xFF], null),
            IconType = IconType.Png,
            Icon = [1, 2, 3],
        };
        var bf25 = Hex(metadata.Encode());
        Assert.Contains("930101" + "9403010203" + "950100" + "B611" + "300F" + "80020490" + "8109" + Hex("n.example"u8)
            + "B708" + "800300F110" + "8101FF" + "99020560", bf25, StringComparison.Ordinal);
        Oracle.AssertRoundTrips("StoreMetadataRequest", metadata.Encode());

        Assert.DoesNotContain("95", Hex(Session.Metadata().Encode())[^6..], StringComparison.Ordinal);
        Assert.EndsWith("950107", Hex(Session.Metadata().Encode(rawProfileClass: 7)), StringComparison.Ordinal);
        var other = Session.Metadata().Encode(iccidOverride: "8900000000000000001");
        Assert.StartsWith("BF25" + "235A0A" + Hex(Iccid.Parse("8900000000000000001").ToSwappedBcd()), Hex(other), StringComparison.Ordinal);

        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var bpp = smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata(),
            faults: new SmdpFaults { MetadataIccid = "8900000000000000001", RawProfileClass = 7 });
        Assert.Equal(other.Length + 3, bpp.StoreMetadata.Length);
    }

    [SkippableFact]
    public void VerifyProfileInstallationResult_TamperedSignature_Rejected()
    {
        var (smdp, card) = Session.Prepared();
        using var _ = card;
        var pir = Pir(card, smdp.BuildBoundProfilePackage(Session.TinyUpp(), Session.Metadata()));
        var tampered = pir.ToArray();
        tampered[^1] ^= 1;
        Assert.Equal(PeerOutcome.Rejected, smdp.VerifyProfileInstallationResult(tampered).Outcome);
        Assert.Equal(PeerOutcome.Rejected, smdp.VerifyProfileInstallationResult(pir[..^3]).Outcome);
    }
}
