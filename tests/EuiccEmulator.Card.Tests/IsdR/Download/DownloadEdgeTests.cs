using System.Formats.Asn1;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;

namespace EuiccEmulator.Card.Tests.IsdR.Download;

public class DownloadEdgeTests
{
    [Fact]
    public void Download_ProfilePackageWithoutEndElement_Error12WithEuiccResponse()
    {
        using var card = new TestCard();
        var upp = Downloads.Upp();
        var withoutEnd = upp[..LastElementOffset(upp)];
        var result = Downloads.Run(card, request: new DownloadRequest { Upp = withoutEnd, Metadata = Downloads.Metadata() });
        Assert.Equal((int)ErrorReason.InstallFailedDueToPEProcessingError, result.ErrorCode);
        Assert.Equal((int)BppCommandId.LoadProfileElements, result.BppCommandId);
        // simaResponse carries the SAIP EUICCResponse with a failing PEStatus.
        var sima = result.Installation!.SimaResponse!;
        Assert.Equal(0x30, sima[0]);
        Assert.NotEqual("3007A0053003800100", Convert.ToHexString(sima));
        Assert.Empty(card.Euicc.Engine.Profiles);
    }

    [Fact]
    public void Reset_DuringBpp_RecordsInterruptionAndInstallsNothing()
    {
        using var card = new TestCard();
        var smdp = new TestSmdp();
        var client = Downloads.Authenticate(card, smdp);
        Assert.True(smdp.VerifyPrepareDownloadResponse(client.Send(smdp.BuildPrepareDownloadRequest()).Data).IsOk);
        var bpp = smdp.BuildBoundProfilePackage(Downloads.Upp(), Downloads.Metadata());
        foreach (var segment in bpp.Segments.Take(3)) Assert.Equal(0x9000, client.SendSegment(segment).StatusWord);

        card.Euicc.Card.Reset();

        Assert.Empty(card.Euicc.Engine.Profiles);
        var pir = smdp.VerifyProfileInstallationResult(Assert.Single(card.Euicc.Engine.Notifications).SignedObject);
        Assert.Equal((int)ErrorReason.InstallFailedDueToInterruption, pir.ErrorReason);
        client = new Es10Client(card.Euicc.Card);
        client.Open();
        Assert.Equal(0x6A88, client.SendSegment(bpp.Segments[3]).StatusWord);
    }

    [Theory]
    [InlineData(true, false, (int)AuthenticateErrorCode.UnsupportedCurve)]
    [InlineData(false, true, (int)AuthenticateErrorCode.InvalidOid)]
    public void AuthenticateServer_OddDpAuthCertificate_GivesCode(bool p384, bool withoutOid, int expected)
    {
        using var card = new TestCard();
        var nist = TestPki.DpAuth(EcCurve.NistP256);
        var smdp =
            new TestSmdp(new TestSmdpOptions { DpAuth = nist with { Certificate = IssueUnderSgp26Ci(RspRole.DpAuth, p384, withoutOid) } });
        var client = new Es10Client(card.Euicc.Card);
        client.Open();
        var challenge = client.Send([0xBF, 0x2E, 0x00]).Data[5..];
        var result = smdp.VerifyAuthenticateServerResponse(client.Send(smdp.BuildAuthenticateServerRequest(challenge)).Data);
        Assert.Equal(expected, result.ErrorCode);
        Assert.Null(card.Euicc.Context.Download);
    }

    [Fact]
    public void PrepareDownload_P384DpPb_UnsupportedCurve()
    {
        using var card = new TestCard();
        var nist = TestPki.DpPb(EcCurve.NistP256);
        var smdp = new TestSmdp(
            new TestSmdpOptions { DpPb = nist with { Certificate = IssueUnderSgp26Ci(RspRole.DpPb, p384: true, withoutOid: false) } });
        var client = Downloads.Authenticate(card, smdp);
        var prepared = smdp.VerifyPrepareDownloadResponse(client.Send(smdp.BuildPrepareDownloadRequest()).Data);
        Assert.Equal((int)DownloadErrorCode.UnsupportedCurve, prepared.ErrorCode);
    }

    private static byte[] IssueUnderSgp26Ci(RspRole role, bool p384, bool withoutOid) =>
        OddServerCertificates.IssueUnderSgp26Ci(role, p384, withoutOid);

    private static int LastElementOffset(byte[] upp)
    {
        var offset = 0;
        var last = 0;
        var reader = new AsnReader(upp, AsnEncodingRules.BER);
        while (reader.HasData)
        {
            last = offset;
            offset += reader.ReadEncodedValue().Length;
        }
        return last;
    }
}
