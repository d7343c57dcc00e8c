using System.Text;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>ES10a: configured addresses.</summary>
internal static class Es10aCases
{
    private const string Area = "ES10a";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return Catalog.Case("ES10a.GetEuiccConfiguredAddresses.RootDs", Area, "the root SM-DS address is present", "SGP.22 §5.6.1",
            Precondition.None, ctx =>
        {
            var parts = TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x3C, 0x00])).Children();
            True(parts.Any(p => p.Tag == 0x81 && p.Value.Length > 0), "rootDsAddress (81) missing");
        });
        yield return Catalog.Case("ES10a.SetDefaultDpAddress.SetAndRead", Area, "set the default SM-DP+ address, read it back",
            "SGP.22 §5.6.2", Precondition.None, ctx =>
        {
            ctx.Es10Expect("BF3F0A8008736D64702E636F6D", "BF3F03800100");
            True(Hex(ctx.Es10Ok([0xBF, 0x3C, 0x00])).StartsWith("BF3C", StringComparison.Ordinal)
                && Hex(ctx.Es10Ok([0xBF, 0x3C, 0x00])).Contains("8008736D64702E636F6D", StringComparison.Ordinal),
                    "defaultDpAddress not returned");
        });
        yield return Catalog.Case("ES10a.SetDefaultDpAddress.Clear", Area, "an empty address clears the default SM-DP+ address",
            "SGP.22 §5.6.2", Precondition.None, ctx =>
        {
            ctx.Es10Expect("BF3F0A8008736D64702E636F6D", "BF3F03800100");
            ctx.Es10Expect("BF3F028000", "BF3F03800100");
            True(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x3C, 0x00])).Children().All(p => p.Tag != 0x80), "address still present");
        });
        yield return Catalog.Case("ES10a.SetDefaultDpAddress.NotUtf8", Area, "an address that is not UTF-8 is refused with 6A80",
            "SGP.22 §5.6.2", Precondition.None,
            ctx => ctx.Es10ExpectSw("BF3F038001FF", 0x6A80));
    }
}

/// <summary>ES10b functions outside the download: info, challenge, RAT, notifications.</summary>
internal static class Es10bCases
{
    private const string Area = "ES10b";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return Catalog.Case("ES10b.GetEUICCInfo1.Structure", Area, "EUICCInfo1 has svn and both CI lists", "SGP.22 §5.7.8",
            Precondition.None, ctx =>
        {
            var parts = TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x20, 0x00])).Children();
            Equal("82,A9,AA", string.Join(",", parts.Select(p => p.Tag.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))),
                "EUICCInfo1 components");
        });
        yield return Catalog.Case("ES10b.GetEUICCInfo1.Sgp26Ci", Area, "the SGP.26 test CI is listed for verification and signing",
            "SGP.22 §5.7.8; SGP.26", Precondition.TrustsSgp26Ci, _ => { });
        yield return Catalog.Case("ES10b.GetEUICCInfo2.Structure", Area, "EUICCInfo2 starts with the mandatory components",
            "SGP.22 §5.7.8",
            Precondition.None, ctx =>
        {
            var parts = TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x22, 0x00])).Children().Select(p => p.Tag).ToList();
            foreach (var tag in new[] { 0x81, 0x82, 0x83, 0x84, 0xA9, 0xAA, 0x04 })
                True(parts.Contains(tag), $"EUICCInfo2 lacks {tag:X2}");
        });
        yield return Catalog.Case("ES10b.GetEUICCChallenge.Fresh", Area, "16-byte challenge, different each time", "SGP.22 §5.7.7",
            Precondition.None, ctx =>
        {
            var a = Hex(ctx.Es10Ok([0xBF, 0x2E, 0x00]));
            var b = Hex(ctx.Es10Ok([0xBF, 0x2E, 0x00]));
            True(a.Length == 42 && a.StartsWith("BF2E128010", StringComparison.Ordinal), $"challenge {a}");
            True(a != b, "the same challenge twice");
        });
        yield return Catalog.Case("ES10b.GetRAT.Structure", Area,
            "the Rules Authorisation Table is a list of ProfilePolicyAuthorisationRules", "SGP.22 §5.7.22", Precondition.None, ctx =>
        {
            var rat = TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x43, 0x00]));
            Equal(0xBF43, rat.Tag, "tag");
            True(rat.Children().All(r => r.Tag == 0xA0 || r.Tag == 0x30), "RAT entries");
        });
        yield return Catalog.Case("ES10b.ListNotification.Structure", Area, "ListNotification answers a list", "SGP.22 §5.7.9",
            Precondition.None, ctx =>
            Equal(0xA0, TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x28, 0x00])).Value).Tag, "notificationMetadataList"));
        yield return Catalog.Case("ES10b.RetrieveNotificationsList.Structure", Area, "RetrieveNotificationsList answers a list",
            "SGP.22 §5.7.10", Precondition.None, ctx =>
            Equal(0xA0, TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x2B, 0x00])).Value).Tag, "notificationList"));
        yield return Catalog.Case("ES10b.RetrieveNotificationsList.UnknownSeq", Area,
            "search by a sequence number nobody has gives an empty list", "SGP.22 §5.7.10", Precondition.None,
            ctx => ctx.Es10Expect("BF2B07A00580037FFFFF", "BF2B02A000"));
        yield return Catalog.Case("ES10b.RemoveNotificationFromList.NothingToDelete", Area,
            "removing an unknown sequence number gives nothingToDelete (1)", "SGP.22 §5.7.11", Precondition.None,
            ctx => ctx.Es10Expect("BF300580037FFFFF", "BF30038001" + Code(SpecCodes.RemoveNotificationFromList.NothingToDelete)));
        yield return Catalog.Case("ES10b.RemoveNotificationFromList.Malformed", Area, "a request without seqNumber is refused with 6A80",
            "SGP.22 §5.7.11", Precondition.None,
            ctx => ctx.Es10ExpectSw("BF300100", 0x6A80));
        yield return Catalog.Case("ES10b.AuthenticateServer.Ok", Area,
            "AuthenticateServer with the test SM-DP+: euiccSignature1 and the chain verify, EID matches GetEID", "SGP.22 §5.7.13",
            Precondition.TrustsSgp26Ci, ctx =>
        {
            var smdp = NewSmdp();
            var challenge = ctx.Es10Ok([0xBF, 0x2E, 0x00])[5..];
            var auth = smdp.VerifyAuthenticateServerResponse(ctx.Es10Ok(smdp.BuildAuthenticateServerRequest(challenge)));
            True(auth.IsOk, "AuthenticateServer: " + (auth.Problem ?? $"error {auth.ErrorCode}"));
            Equal(ctx.Eid(), auth.Eid!.Value, "EID in CERT.EUICC");
            var cancel = smdp.VerifyCancelSessionResponse(
                ctx.Es10Ok(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed)));
            True(cancel.IsOk, "CancelSession: " + cancel.Problem);
        });
        yield return Catalog.Case("ES10b.CancelSession.WrongTransactionId", Area,
            "CancelSession with another transactionId gives invalidTransactionId (5)", "SGP.22 §5.7.14", Precondition.TrustsSgp26Ci, ctx =>
        {
            var smdp = NewSmdp();
            ctx.Authenticate(smdp);
            Equal("BF41038101" + Code(SpecCodes.CancelSession.InvalidTransactionId),
                Hex(ctx.Es10Ok(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed, new byte[16]))),
                "response");
            True(smdp.VerifyCancelSessionResponse(
                ctx.Es10Ok(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed))).IsOk,
                "CancelSession with the right transactionId");
        });
        yield return Catalog.Case("ES10b.CancelSession.EndsSession", Area,
            "a signed CancelSession ends the session: PrepareDownload gives noSessionContext (4)", "SGP.22 §5.7.14, §5.7.5",
            Precondition.TrustsSgp26Ci, ctx =>
        {
            var smdp = NewSmdp();
            ctx.Authenticate(smdp);
            True(smdp.VerifyCancelSessionResponse(
                ctx.Es10Ok(smdp.BuildCancelSessionRequest(CancelSessionReason.EndUserRejection))).IsOk, "CancelSession");
            Equal(SpecCodes.PrepareDownload.NoSessionContext,
                smdp.VerifyPrepareDownloadResponse(ctx.Es10Ok(smdp.BuildPrepareDownloadRequest())).ErrorCode, "PrepareDownload error");
        });
        yield return Catalog.Case("ES10b.CancelSession.NoSession", Area,
            "CancelSession without a session gives invalidTransactionId (5), the only CancelSession error besides undefinedError",
            "SGP.22 §5.7.14", Precondition.TrustsSgp26Ci | Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            var smdp = NewSmdp();
            var r = TlvCodec.ReadSingle(ctx.Es10Ok(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed,
                new byte[16])));
            Equal("8101" + Code(SpecCodes.CancelSession.InvalidTransactionId), Hex(r.Value.Span), "cancelSessionError");
        });
        yield return Catalog.Case("ES10b.PrepareDownload.RetryWithBppEuiccOtpk", Area,
            "a retry with bppEuiccOtpk reuses the kept one-time key pair", "SGP.22 §5.7.5 (retry)", Precondition.TrustsSgp26Ci, ctx =>
        {
            byte[] Prepare(byte[]? otpk)
            {
                var smdp = NewSmdp();
                ctx.Authenticate(smdp);
                var p = smdp.VerifyPrepareDownloadResponse(ctx.Es10Ok(smdp.BuildPrepareDownloadRequest(bppEuiccOtpk: otpk)));
                True(p.IsOk, "PrepareDownload: " + (p.Problem ?? $"error {p.ErrorCode}"));
                ctx.Es10(smdp.BuildCancelSessionRequest(CancelSessionReason.Postponed));
                return p.EuiccOtpk!;
            }
            var first = Prepare(null);
            Equal(Hex(first), Hex(Prepare(first)), "otPK.EUICC on retry");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.NoSession", Area, "BPP segments without a session are refused with 6A88",
            "SGP.22 §5.7.6", Precondition.CanReset, ctx =>
        {
            ctx.Reset();
            ctx.Es10ExpectSw("A30400000000", 0x6A88);
            ctx.Es10ExpectSw("BF3603BF2300", 0x6A88);
            ctx.Es10ExpectSw("8603000000", 0x6A88);
        });
    }
}
