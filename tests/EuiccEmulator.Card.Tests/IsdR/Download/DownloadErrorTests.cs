using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Download;

/// <summary>Every download error code, reached by the matching bad input, with the card's profiles unchanged.</summary>
public class DownloadErrorTests
{
    public static TheoryData<string, SmdpFaults, DownloadStepKind, int, int?> Faults() => new()
    {
        { "bad serverSignature1", new SmdpFaults { BadServerSignature1 = true }, DownloadStepKind.AuthenticateServer,
            (int)AuthenticateErrorCode.InvalidSignature, null },
        { "DPauth from another CI", new SmdpFaults { AuthCertificate = CertificateFault.OtherCi }, DownloadStepKind.AuthenticateServer,
            (int)AuthenticateErrorCode.InvalidCertificate, null },
        { "DPauth with wrong role", new SmdpFaults { AuthCertificate = CertificateFault.WrongRole }, DownloadStepKind.AuthenticateServer,
            (int)AuthenticateErrorCode.InvalidCertificate, null },
        { "unknown CI", new SmdpFaults { UnknownCiPkId = true }, DownloadStepKind.AuthenticateServer,
            (int)AuthenticateErrorCode.CiPKUnknown, null },
        { "wrong challenge", new SmdpFaults { WrongEuiccChallenge = true }, DownloadStepKind.AuthenticateServer,
            (int)AuthenticateErrorCode.EuiccChallengeMismatch, null },
        { "bad smdpSignature2", new SmdpFaults { BadSmdpSignature2 = true }, DownloadStepKind.PrepareDownload,
            (int)DownloadErrorCode.InvalidSignature, null },
        { "DPpb from another CI", new SmdpFaults { PbCertificate = CertificateFault.OtherCi }, DownloadStepKind.PrepareDownload,
            (int)DownloadErrorCode.InvalidCertificate, null },
        { "DPpb with wrong role", new SmdpFaults { PbCertificate = CertificateFault.WrongRole }, DownloadStepKind.PrepareDownload,
            (int)DownloadErrorCode.InvalidCertificate, null },
        { "wrong txId in PrepareDownload", new SmdpFaults { WrongTransactionIdInPrepareDownload = true }, DownloadStepKind.PrepareDownload,
            (int)DownloadErrorCode.InvalidTransactionId, null },
        { "bad smdpSign", new SmdpFaults { BadSmdpSign = true }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.InvalidSignature, (int)BppCommandId.InitialiseSecureChannel },
        { "wrong txId in BF23", new SmdpFaults { WrongTransactionIdInInitialiseSecureChannel = true },
            DownloadStepKind.LoadBoundProfilePackage, (int)ErrorReason.InvalidTransactionId, (int)BppCommandId.InitialiseSecureChannel },
        { "remoteOpId 2", new SmdpFaults { RemoteOpId = 2 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.UnsupportedRemoteOperationType, (int)BppCommandId.InitialiseSecureChannel },
        { "CRT key type", new SmdpFaults { CrtKeyType = 0x80 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.UnsupportedCrtValues, (int)BppCommandId.InitialiseSecureChannel },
        { "CRT key length", new SmdpFaults { CrtKeyLength = 0x20 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.UnsupportedCrtValues, (int)BppCommandId.InitialiseSecureChannel },
        { "bad MAC on ConfigureISDP", new SmdpFaults { BadMacInProtectedTlv = 0 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.Scp03tSecurityError, (int)BppCommandId.ConfigureIsdp },
        { "bad MAC on StoreMetadata", new SmdpFaults { BadMacInProtectedTlv = 1 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.Scp03tSecurityError, (int)BppCommandId.StoreMetadata },
        { "bad MAC on profile data", new SmdpFaults { BadMacInProtectedTlv = 2 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.Scp03tSecurityError, (int)BppCommandId.LoadProfileElements },
        { "metadata ICCID differs", new SmdpFaults { MetadataIccid = "89000123456789012358" }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.InstallFailedDueToDataMismatch, (int)BppCommandId.LoadProfileElements },
        { "profile class 7", new SmdpFaults { RawProfileClass = 7 }, DownloadStepKind.LoadBoundProfilePackage,
            (int)ErrorReason.IncorrectInputValues, (int)BppCommandId.StoreMetadata },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Download_WithFault_GivesSpecErrorAndInstallsNothing(string name, SmdpFaults faults, DownloadStepKind step, int code,
        int? bppCommandId)
    {
        using var card = new TestCard();
        card.AddProfile("89000123456789012366");
        var before = card.Euicc.Engine.Profiles.ToList();
        var result = Downloads.Run(card,
            request: new DownloadRequest { Upp = Downloads.Upp(), Metadata = Downloads.Metadata(), Faults = faults });

        Assert.False(result.Success, name);
        Assert.Equal((step, code, bppCommandId), (result.FailedStep!.Value, result.ErrorCode!.Value, result.BppCommandId));
        Assert.Equal(before, card.Euicc.Engine.Profiles);
        Assert.Null(card.Euicc.Engine.LoadPackage(Iccid.Parse(Downloads.Iccid)));
        Assert.Empty(card.Errors);
        // A signed error result (BPP stage) is kept for the SM-DP+; earlier refusals leave no trace.
        Assert.Equal(step == DownloadStepKind.LoadBoundProfilePackage ? 1 : 0, card.Euicc.Engine.Notifications.Count());
    }

    [Fact]
    public void Download_IccidAlreadyOnCard_Error9()
    {
        using var card = new TestCard();
        Assert.True(Downloads.Run(card).Success);
        var again = Downloads.Run(card);
        Assert.Equal((int)ErrorReason.InstallFailedDueToIccidAlreadyExistsOnEuicc, again.ErrorCode);
        Assert.Equal((int)BppCommandId.StoreMetadata, again.BppCommandId);
        Assert.Single(card.Euicc.Engine.Profiles);
    }

    [Fact]
    public void Download_ProfileClassNotAllowed_Error6()
    {
        using var card =
            new TestCard(options: new CardOptions { AllowedProfileClasses = new HashSet<ProfileClass> { ProfileClass.Operational } });
        var result = Downloads.Run(card,
            request: new DownloadRequest { Upp = Downloads.Upp(), Metadata = Downloads.Metadata(profileClass: ProfileClass.Test) });
        Assert.Equal((int)ErrorReason.UnsupportedProfileClass, result.ErrorCode);
        Assert.Empty(card.Euicc.Engine.Profiles);
    }

    [Fact]
    public void Download_PprNotInRat_Error15_AndAllowedOnceRatPermits()
    {
        using var strict = new TestCard(options: new CardOptions { Rat = [] });
        var request = new DownloadRequest { Upp = Downloads.Upp(), Metadata = Downloads.Metadata(pprs: PprIds.Ppr1DisableNotAllowed) };
        Assert.Equal((int)ErrorReason.PprNotAllowed, Downloads.Run(strict, request: request).ErrorCode);
        using var permissive = new TestCard();
        Assert.True(Downloads.Run(permissive, request: request).Success);
        Assert.Equal(PprIds.Ppr1DisableNotAllowed, permissive.Euicc.Engine.Profiles.Single().Pprs);
    }

    [Fact]
    public void Download_NotEnoughMemory_Error10()
    {
        using var card = new TestCard(options: new CardOptions { ProfileMemory = 16 * 1024 });
        var result = Downloads.Run(card,
            request: new DownloadRequest { Upp = Downloads.Upp(size: 65536), Metadata = Downloads.Metadata() });
        Assert.Equal((int)ErrorReason.InstallFailedDueToInsufficientMemoryForProfile, result.ErrorCode);
        Assert.Empty(card.Euicc.Engine.Profiles);
    }

    [Fact]
    public void Download_TruncatedSegment_EndsWithErrorAndLaterSegmentsGet6A88()
    {
        using var card = new TestCard();
        var result = Downloads.Run(card, request: new DownloadRequest
        {
            Upp = Downloads.Upp(),
            Metadata = Downloads.Metadata(),
            Faults = new SmdpFaults { TruncateSegment = 3 },
        });
        Assert.False(result.Success);
        Assert.Equal(DownloadStepKind.LoadBoundProfilePackage, result.FailedStep);
        Assert.Empty(card.Euicc.Engine.Profiles);
        // The session is over: another 86 is refused at the transport level.
        var client = new Es10Client(card.Euicc.Card);
        client.Open();
        Assert.Equal(0x6A88, client.SendSegment(result.Package!.Segments[^1]).StatusWord);
    }

    [Fact]
    public void Segments_WithoutSession_Get6A88()
    {
        using var card = new TestCard().SelectIsdR();
        Assert.Equal("6A88", card.Es10("A30400000000").Sw);
        Assert.Equal("6A88", card.Es10("BF3603BF2300").Sw);
        Assert.Equal("6A88", card.Es10("8603000000").Sw);
    }

    [Fact]
    public void PrepareDownload_AfterCardReset_NoSessionContext()
    {
        using var card = new TestCard();
        var smdp = new TestSmdp();
        var client = Downloads.Authenticate(card, smdp);
        // A reset (power loss) drops the volatile download session.
        card.Euicc.Card.Reset();
        client = new Es10Client(card.Euicc.Card);
        client.Open();
        var prepare = smdp.VerifyPrepareDownloadResponse(client.Send(smdp.BuildPrepareDownloadRequest()).Data);
        Assert.Equal((int)DownloadErrorCode.NoSessionContext, prepare.ErrorCode);
    }

    [Fact]
    public void CancelSession_AfterAuthentication_SignedAndEndsSession_WrongTxIdRefused()
    {
        using var card = new TestCard();
        var smdp = new TestSmdp();
        var client = Downloads.Authenticate(card, smdp);

        var wrong = client.Send(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed, new byte[16]));
        Assert.Equal("BF4103810105", Convert.ToHexString(wrong.Data));

        var ok = client.Send(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed));
        Assert.True(smdp.VerifyCancelSessionResponse(ok.Data).Outcome == PeerOutcome.Ok);
        Assert.Null(card.Euicc.Context.Download);
        // Nothing left to prepare.
        Assert.Equal((int)DownloadErrorCode.NoSessionContext,
            smdp.VerifyPrepareDownloadResponse(client.Send(smdp.BuildPrepareDownloadRequest()).Data).ErrorCode);
    }

    [Fact]
    public void PrepareDownload_RetryWithBppEuiccOtpk_ReusesKeptKeyPair()
    {
        using var card = new TestCard();
        var client = new Es10Client(card.Euicc.Card);
        client.Open();
        byte[] Prepare(TestSmdp smdp, byte[]? otpk)
        {
            var challenge = client.Send([0xBF, 0x2E, 0x00]).Data[5..];
            Assert.True(smdp.VerifyAuthenticateServerResponse(client.Send(smdp.BuildAuthenticateServerRequest(challenge)).Data).IsOk);
            var prepared = smdp.VerifyPrepareDownloadResponse(client.Send(smdp.BuildPrepareDownloadRequest(bppEuiccOtpk: otpk)).Data);
            Assert.True(prepared.IsOk, prepared.Problem);
            return prepared.EuiccOtpk!;
        }
        var first = Prepare(new TestSmdp(), null);
        Assert.Equal(first, Prepare(new TestSmdp(), first));
        Assert.NotEqual(first, Prepare(new TestSmdp(), null));
    }

    [Fact]
    public void GetRat_DefaultRule_AllowsPpr1AndPpr2ForAnyOperator()
    {
        using var card = new TestCard().SelectIsdR();
        Assert.Equal("BF4314A012301080020560A10730058003EEEEEE820100", card.Es10("BF4300").Data);
    }
}
