using EuiccEmulator.Peers.Eim;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>State rules across functions: one enabled profile, persistence over resets, counters and replay, failed downloads.</summary>
internal static class StateCases
{
    private const string Area = "State";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return Catalog.Case("State.OneEnabledProfile", Area, "enabling another profile disables the current one: never two enabled",
            "SGP.22 §3.2.1", Precondition.TrustsSgp26Ci, ctx =>
        {
            var a = ctx.Install(400);
            var b = ctx.Install(401);
            ctx.ExpectResult("EnableProfile A", SpecCodes.EnableProfile.Ok, EnableRequest(a));
            ctx.ExpectResult("EnableProfile B", SpecCodes.EnableProfile.Ok, EnableRequest(b));
            Equal(1, ctx.Profiles().Count(p => p.State == 1), "enabled profiles");
            ctx.ExpectState(b, 1);
            ctx.ExpectState(a, 0);
        });
        yield return Catalog.Case("State.Reset.KeepsProfileStateDropsProactive", Area,
            "a reset drops the pending REFRESH but keeps the enabled profile", "SGP.22 §5.7.16; ISO 7816-3",
            Precondition.TrustsSgp26Ci | Precondition.CanReset, ctx =>
        {
            var a = ctx.Install(402);
            ctx.AnnounceRefresh();
            var r = ctx.Es10(EnableRequest(a, refresh: true), completeProactive: false);
            True(r.StatusWord >> 8 == 0x91, $"SW {r.StatusWord:X4}");
            ctx.Reset();
            ctx.Apdu("80120000" + (r.StatusWord & 0xFF).ToString("X2", System.Globalization.CultureInfo.InvariantCulture), "6985");
            ctx.ExpectState(a, 1);
        });
        yield return Catalog.Case("State.FailedDownload.InstallsNothing", Area,
            "after a refused BPP the profile list is unchanged and the error PIR is pending", "SGP.22 §3.1.3.3",
            Precondition.TrustsSgp26Ci,
            ctx =>
        {
            var before = ctx.Profiles().Count;
            var iccid = TestIccid(403);
            var result = ctx.RunDownload(new Peers.DownloadRequest { Upp = Upp(iccid), Metadata = Metadata(iccid),
                Faults = new Peers.SmdpFaults { BadMacInProtectedTlv = 2 } });
            True(!result.Success, "download succeeded");
            Equal(before, ctx.Profiles().Count, "profile count");
            var pending = Hex(ctx.Es10Ok([0xBF, 0x2B, 0x00]));
            True(pending.Contains(Hex(result.ProfileInstallationResult!), StringComparison.Ordinal), "the error PIR is not pending");
        });
        yield return Catalog.Case("State.Counter.ReplayAfterReset", Area,
            "the eIM counter survives a reset: the same package replayed gives replayError (4)", "SGP.32 §2.11.1.1",
            Precondition.TrustsSgp26Ci | Precondition.EimCanBeAssociated | Precondition.CanReset, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(404);
            var request = eim.BuildEuiccPackage([Psmo.Enable(a)]);
            True(eim.VerifyEuiccPackageResult(ctx.Es10Ok(request.Encoded), request).AllOk, "first package");
            ctx.Reset();
            ctx.ExpectSignedError(eim.VerifyEuiccPackageResult(ctx.Es10Ok(request.Encoded), request),
                SpecCodes.EuiccPackageError.ReplayError);
            ctx.ExpectState(a, 1);
        });
        yield return Catalog.Case("State.Counter.Monotonic", Area,
            "a package with a counter below the stored one is a replay (4), a higher one is accepted", "SGP.32 §2.11.1.1",
            Precondition.TrustsSgp26Ci | Precondition.EimCanBeAssociated, ctx =>
        {
            var eim = ctx.AssociateEim();
            ctx.PackageOk(eim, Psmo.GetRat());
            ctx.PackageOk(eim, Psmo.GetRat());
            var old = eim.BuildEuiccPackage([Psmo.GetRat()], counter: 1);
            ctx.ExpectSignedError(eim.VerifyEuiccPackageResult(ctx.Es10Ok(old.Encoded), old), SpecCodes.EuiccPackageError.ReplayError);
            ctx.PackageOk(eim, Psmo.GetRat());
        });
        yield return Catalog.Case("State.Notifications.SurviveReset", Area,
            "pending notifications and their sequence numbers survive a reset", "SGP.22 §2.6.4",
            Precondition.TrustsSgp26Ci | Precondition.CanReset, ctx =>
        {
            var a = ctx.Install(405);
            ctx.ExpectResult("EnableProfile", SpecCodes.EnableProfile.Ok, EnableRequest(a));
            var before = Hex(ctx.Es10Ok([0xBF, 0x28, 0x00]));
            ctx.Reset();
            Equal(before, Hex(ctx.Es10Ok([0xBF, 0x28, 0x00])), "ListNotification after reset");
        });
    }
}
