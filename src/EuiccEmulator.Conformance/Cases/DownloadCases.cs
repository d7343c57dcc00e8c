using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>Profile download (SGP.22 §3.1.3) with the test SM-DP+, and every fault it can make.</summary>
internal static class DownloadCases
{
    private const string Area = "Download";
    private const Precondition Pre = Precondition.TrustsSgp26Ci;

    public static IEnumerable<ConformanceCase> All()
    {
        (string Id, string Section, SmdpFaults Faults, DownloadStepKind Step, int Code, int? Bpp)[] faults =
        [
            ("ES10b.AuthenticateServer.InvalidSignature", "SGP.22 §5.7.13", new() { BadServerSignature1 = true },
                DownloadStepKind.AuthenticateServer, SpecCodes.AuthenticateServer.InvalidSignature, null),
            ("ES10b.AuthenticateServer.InvalidCertificate.OtherCi", "SGP.22 §5.7.13", new() { AuthCertificate = CertificateFault.OtherCi },
                DownloadStepKind.AuthenticateServer, SpecCodes.AuthenticateServer.InvalidCertificate, null),
            ("ES10b.AuthenticateServer.InvalidCertificate.WrongRole", "SGP.22 §5.7.13",
                new() { AuthCertificate = CertificateFault.WrongRole }, DownloadStepKind.AuthenticateServer,
                SpecCodes.AuthenticateServer.InvalidCertificate, null),
            ("ES10b.AuthenticateServer.CiPKUnknown", "SGP.22 §5.7.13", new() { UnknownCiPkId = true }, DownloadStepKind.AuthenticateServer,
                SpecCodes.AuthenticateServer.CiPKUnknown, null),
            ("ES10b.AuthenticateServer.EuiccChallengeMismatch", "SGP.22 §5.7.13", new() { WrongEuiccChallenge = true },
                DownloadStepKind.AuthenticateServer, SpecCodes.AuthenticateServer.EuiccChallengeMismatch, null),
            ("ES10b.PrepareDownload.InvalidSignature", "SGP.22 §5.7.5", new() { BadSmdpSignature2 = true },
                DownloadStepKind.PrepareDownload, SpecCodes.PrepareDownload.InvalidSignature, null),
            ("ES10b.PrepareDownload.InvalidCertificate.OtherCi", "SGP.22 §5.7.5", new() { PbCertificate = CertificateFault.OtherCi },
                DownloadStepKind.PrepareDownload, SpecCodes.PrepareDownload.InvalidCertificate, null),
            ("ES10b.PrepareDownload.InvalidCertificate.WrongRole", "SGP.22 §5.7.5", new() { PbCertificate = CertificateFault.WrongRole },
                DownloadStepKind.PrepareDownload, SpecCodes.PrepareDownload.InvalidCertificate, null),
            ("ES10b.PrepareDownload.InvalidTransactionId", "SGP.22 §5.7.5", new() { WrongTransactionIdInPrepareDownload = true },
                DownloadStepKind.PrepareDownload, SpecCodes.PrepareDownload.InvalidTransactionId, null),
            ("ES10b.LoadBoundProfilePackage.InitialiseSecureChannel.InvalidSignature", "SGP.22 §5.7.6", new() { BadSmdpSign = true },
                DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.InvalidSignature,
                SpecCodes.BppCommandId.InitialiseSecureChannel),
            ("ES10b.LoadBoundProfilePackage.InitialiseSecureChannel.InvalidTransactionId", "SGP.22 §5.7.6",
                new() { WrongTransactionIdInInitialiseSecureChannel = true }, DownloadStepKind.LoadBoundProfilePackage,
                SpecCodes.ErrorReason.InvalidTransactionId, SpecCodes.BppCommandId.InitialiseSecureChannel),
            ("ES10b.LoadBoundProfilePackage.InitialiseSecureChannel.UnsupportedRemoteOperationType", "SGP.22 §5.7.6",
                new() { RemoteOpId = 2 }, DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.UnsupportedRemoteOperationType,
                SpecCodes.BppCommandId.InitialiseSecureChannel),
            ("ES10b.LoadBoundProfilePackage.InitialiseSecureChannel.UnsupportedCrtKeyType", "SGP.22 §5.7.6", new() { CrtKeyType = 0x80 },
                DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.UnsupportedCrtValues,
                SpecCodes.BppCommandId.InitialiseSecureChannel),
            ("ES10b.LoadBoundProfilePackage.InitialiseSecureChannel.UnsupportedCrtKeyLength", "SGP.22 §5.7.6",
                new() { CrtKeyLength = 0x20 }, DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.UnsupportedCrtValues,
                SpecCodes.BppCommandId.InitialiseSecureChannel),
            ("ES10b.LoadBoundProfilePackage.ConfigureIsdp.Scp03tSecurityError", "SGP.22 §5.7.6; §2.6.6",
                new() { BadMacInProtectedTlv = 0 },
                DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.Scp03tSecurityError, SpecCodes.BppCommandId.ConfigureISDP),
            ("ES10b.LoadBoundProfilePackage.StoreMetadata.Scp03tSecurityError", "SGP.22 §5.7.6; §2.6.6",
                new() { BadMacInProtectedTlv = 1 },
                DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.Scp03tSecurityError, SpecCodes.BppCommandId.StoreMetadata),
            ("ES10b.LoadBoundProfilePackage.LoadProfileElements.Scp03tSecurityError", "SGP.22 §5.7.6; §2.6.6",
                new() { BadMacInProtectedTlv = 2 }, DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.Scp03tSecurityError,
                SpecCodes.BppCommandId.LoadProfileElements),
            ("ES10b.LoadBoundProfilePackage.LoadProfileElements.DataMismatch", "SGP.22 §5.7.6",
                new() { MetadataIccid = "89000123456789012358" }, DownloadStepKind.LoadBoundProfilePackage,
                SpecCodes.ErrorReason.InstallFailedDueToDataMismatch, SpecCodes.BppCommandId.LoadProfileElements),
            ("ES10b.LoadBoundProfilePackage.StoreMetadata.IncorrectInputValues", "SGP.22 §5.7.6", new() { RawProfileClass = 7 },
                DownloadStepKind.LoadBoundProfilePackage, SpecCodes.ErrorReason.IncorrectInputValues, SpecCodes.BppCommandId.StoreMetadata),
        ];
        var n = 10;
        foreach (var (id, section, f, step, code, bpp) in faults)
        {
            var iccid = TestIccid(n++);
            yield return Catalog.Case(id, Area,
                $"download with the SM-DP+ fault {Describe(f)}: refused with code {code}, nothing installed", section, Pre, ctx =>
            {
                var before = ctx.Profiles();
                var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid), Faults = f });
                True(!result.Success, "the download succeeded");
                Equal(step, result.FailedStep!.Value, "failed step");
                Equal(code, result.ErrorCode, $"error code ({result.Problem})");
                Equal(bpp, result.BppCommandId, "bppCommandId");
                Equal(before.Count, ctx.Profiles().Count, "profile count");
            });
        }
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.TruncatedSegment", Area,
            "a truncated segment ends the session with an error; later segments get 6A88", "SGP.22 §5.7.6", Pre, ctx =>
        {
            var iccid = TestIccid(40);
            var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid),
                Faults = new SmdpFaults { TruncateSegment = 3 } });
            True(!result.Success && result.FailedStep == DownloadStepKind.LoadBoundProfilePackage,
                "expected a failure at LoadBoundProfilePackage");
            ctx.ExpectAbsent(iccid);
            Equal(0x6A88, ctx.Client.SendSegment(result.Package!.Segments[^1]).StatusWord, "SW of a later segment");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.IccidAlreadyExists", Area,
            "downloading an ICCID already on the card gives 9 at StoreMetadata", "SGP.22 §5.7.6", Pre, ctx =>
        {
            var iccid = ctx.Install(41);
            var again = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid) });
            Equal(SpecCodes.ErrorReason.InstallFailedDueToIccidAlreadyExistsOnEuicc, again.ErrorCode, "error reason");
            Equal(SpecCodes.BppCommandId.StoreMetadata, again.BppCommandId, "bppCommandId");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.PEProcessingError", Area,
            "a package without its End element gives 12 with a SIMA response", "SGP.22 §5.7.6; SAIP", Pre, ctx =>
        {
            var iccid = TestIccid(42);
            var upp = Upp(iccid);
            var last = 0;
            for (var off = 0; off < upp.Length;) { last = off; off += TlvCodec.Read(upp.AsMemory(off)).Raw.Length; }
            var result = ctx.RunDownload(new DownloadRequest { Upp = upp[..last], Metadata = Metadata(iccid) });
            Equal(SpecCodes.ErrorReason.InstallFailedDueToPEProcessingError, result.ErrorCode, "error reason");
            True(result.Installation?.SimaResponse is { Length: > 0 }, "no simaResponse");
            ctx.ExpectAbsent(iccid);
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.Interruption", Area,
            "a reset in the middle of the BPP records installFailedDueToInterruption and installs nothing", "SGP.22 §5.7.6",
            Pre | Precondition.CanReset, ctx =>
        {
            var iccid = TestIccid(43);
            var smdp = NewSmdp();
            ctx.Authenticate(smdp);
            True(smdp.VerifyPrepareDownloadResponse(ctx.Es10Ok(smdp.BuildPrepareDownloadRequest())).IsOk, "PrepareDownload");
            var bpp = smdp.BuildBoundProfilePackage(Upp(iccid), Metadata(iccid));
            foreach (var segment in bpp.Segments.Take(3)) Equal(0x9000, ctx.Client.SendSegment(segment).StatusWord, "segment SW");
            ctx.Reset();
            ctx.ExpectAbsent(iccid);
            var pending = TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x2B, 0x00])).Value).Children()
                .Where(c => c.Tag == 0xBF37).ToList();
            var reasons = pending.Select(p => smdp.VerifyProfileInstallationResult(p.Raw)).Where(p => p.Outcome == PeerOutcome.CardError)
                .Select(p => p.ErrorReason).ToList();
            True(reasons.Contains(SpecCodes.ErrorReason.InstallFailedDueToInterruption),
                $"no PIR with reason 11 (found {string.Join(",", reasons)})");
            Equal(0x6A88, ctx.Client.SendSegment(bpp.Segments[3]).StatusWord, "segment after the reset");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.Success", Area,
            "a full download: signed PIR verified, profile disabled, install notification pending", "SGP.22 §3.1.3, §5.7.6", Pre, ctx =>
        {
            var iccid = TestIccid(44);
            var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid) });
            True(result.Success, result.Problem ?? "");
            ctx.ExpectState(iccid, 0);
            Equal(Hex(result.IsdpAid!), Hex(ctx.Profile(iccid)!.IsdpAid), "ISD-P AID");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.WithPpk", Area,
            "a download with profile protection keys (ReplaceSessionKeys)", "SGP.22 §2.5.4", Pre, ctx =>
        {
            var iccid = TestIccid(45);
            var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid), WithPpk = true });
            True(result.Success, result.Problem ?? "");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.MaxBlocksWithLe", Area, "a download in 255-byte STORE DATA blocks with Le",
            "SGP.22 §5.7.2", Pre, ctx =>
        {
            var iccid = TestIccid(46);
            var client = new Es10Client(ctx.Card, new Es10ClientOptions { BlockSize = 255, SendLe = true });
            client.Open();
            try
            {
                var result = new DownloadDriver(client, NewSmdp())
                    .Run(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid) });
                True(result.Success, result.Problem ?? "");
            }
            finally
            {
                client.Close();
            }
        });
        yield return Catalog.Case("ES10b.AuthenticateServer.UnsupportedCurve", Area,
            "CERT.DPauth on P-384 under the trusted CI gives unsupportedCurve (3)", "SGP.22 §5.7.13", Pre, ctx =>
            Equal(SpecCodes.AuthenticateServer.UnsupportedCurve, Authenticate(ctx, OddAuth(p384: true, withoutOid: false)).ErrorCode,
                "AuthenticateServer error"));
        yield return Catalog.Case("ES10b.AuthenticateServer.InvalidOid", Area,
            "CERT.DPauth without the SM-DP+ OID (SAN registeredID) gives invalidOid (5)", "SGP.22 §5.7.13", Pre, ctx =>
            Equal(SpecCodes.AuthenticateServer.InvalidOid, Authenticate(ctx, OddAuth(p384: false, withoutOid: true)).ErrorCode,
                "AuthenticateServer error"));
        yield return Catalog.Case("ES10b.PrepareDownload.UnsupportedCurve", Area,
            "CERT.DPpb on P-384 under the trusted CI gives unsupportedCurve (3)", "SGP.22 §5.7.5", Pre, ctx =>
        {
            var smdp = NewSmdp(options: new TestSmdpOptions
            {
                DpPb = TestPki.DpPb(EcCurve.NistP256) with
                {
                    Certificate = OddServerCertificates.IssueUnderSgp26Ci(RspRole.DpPb, p384: true, withoutSmdpOid: false),
                },
            });
            ctx.Authenticate(smdp);
            Equal(SpecCodes.PrepareDownload.UnsupportedCurve,
                smdp.VerifyPrepareDownloadResponse(ctx.Es10Ok(smdp.BuildPrepareDownloadRequest())).ErrorCode, "PrepareDownload error");
        });
        yield return Catalog.Case("ES10b.LoadBoundProfilePackage.BrainpoolSmdp", Area,
            "a download from the SGP.26 brainpoolP256r1 SM-DP+: key agreement on its curve, card signatures under the NIST chain",
            "SGP.22 §2.6.6", Pre | Precondition.TrustsSgp26BrainpoolCi, ctx =>
        {
            var iccid = TestIccid(46);
            var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid), WithPpk = true },
                NewSmdp(options: new TestSmdpOptions { Curve = EcCurve.BrainpoolP256r1 }));
            True(result.Success, $"download failed at {result.FailedStep}: {result.Problem}");
        });
        yield return Catalog.Case("ES10b.PrepareDownload.NoSessionContext", Area, "PrepareDownload after a reset has no session (4)",
            "SGP.22 §5.7.5", Pre | Precondition.CanReset, ctx =>
        {
            var smdp = NewSmdp();
            ctx.Authenticate(smdp);
            ctx.Reset();
            Equal(SpecCodes.PrepareDownload.NoSessionContext,
                smdp.VerifyPrepareDownloadResponse(ctx.Es10Ok(smdp.BuildPrepareDownloadRequest())).ErrorCode, "PrepareDownload error");
        });

        // Cases that need a card configured for them: the in-process target makes one.
        yield return new ConformanceCase("ES10b.LoadBoundProfilePackage.UnsupportedProfileClass", Area,
            "a test profile on a card that only allows operational ones gives 6", "SGP.22 §5.7.6", Pre, ctx =>
        {
            var iccid = TestIccid(47);
            var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid, ProfileClass.Test) });
            Equal(SpecCodes.ErrorReason.UnsupportedProfileClass, result.ErrorCode, "error reason");
        })
        { RequiresCard = new CardRequirement(
            "only operational profiles allowed") { AllowedProfileClasses = new HashSet<int> { SpecCodes.ProfileClass.Operational } } };
        yield return new ConformanceCase("ES10b.LoadBoundProfilePackage.PprNotAllowed", Area,
            "a profile with PPR1 on a card whose RAT allows none gives 15", "SGP.22 §5.7.6, §2.9", Pre, ctx =>
        {
            var iccid = TestIccid(48);
            var result = ctx.RunDownload(new DownloadRequest { Upp = Upp(iccid),
                Metadata = Metadata(iccid, pprs: PprIds.Ppr1DisableNotAllowed) });
            Equal(SpecCodes.ErrorReason.PprNotAllowed, result.ErrorCode, "error reason");
        })
        { RequiresCard = new CardRequirement("an empty RAT") { EmptyRat = true } };
        yield return new ConformanceCase("ES10b.LoadBoundProfilePackage.InsufficientMemory", Area,
            "a profile larger than the free memory gives 10", "SGP.22 §5.7.6", Pre, ctx =>
        {
            var iccid = TestIccid(49);
            var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
            {
                Iccid = iccid,
                Imsi = "001010000000123",
                K = new byte[16],
                Opc = new byte[16],
                TargetSize = 65536,
            });
            var result = ctx.RunDownload(new DownloadRequest { Upp = upp, Metadata = Metadata(iccid) });
            Equal(SpecCodes.ErrorReason.InstallFailedDueToInsufficientMemoryForProfile, result.ErrorCode, "error reason");
        })
        { RequiresCard = new CardRequirement("16 KiB of profile memory") { ProfileMemoryBytes = 16 * 1024 } };
    }

    private static TestSmdp OddAuth(bool p384, bool withoutOid) => NewSmdp(options: new TestSmdpOptions
    {
        DpAuth = TestPki.DpAuth(EcCurve.NistP256) with
        {
            Certificate = OddServerCertificates.IssueUnderSgp26Ci(RspRole.DpAuth, p384, withoutOid),
        },
    });

    private static AuthenticateServerResult Authenticate(CaseContext ctx, TestSmdp smdp)
    {
        var challenge = ctx.Es10Ok([0xBF, 0x2E, 0x00])[5..];
        return smdp.VerifyAuthenticateServerResponse(ctx.Es10Ok(smdp.BuildAuthenticateServerRequest(challenge)));
    }

    private static string Describe(SmdpFaults f)
    {
        var text = f.ToString();
        var start = text.IndexOf('{', StringComparison.Ordinal);
        return string.Join(", ", text[(start + 1)..^1].Split(',').Select(s => s.Trim())
            .Where(s => !s.EndsWith("= False", StringComparison.Ordinal) && !s.EndsWith("= None", StringComparison.Ordinal)
                && !s.EndsWith('=')));
    }
}
