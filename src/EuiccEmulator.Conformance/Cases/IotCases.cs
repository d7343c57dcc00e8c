using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>
/// SGP.32 (SGP.33-1 style): eIM association, eUICC Packages (PSMO/eCO) with every eIM fault, fallback, emergency, rollback, immediate
/// enable, IoT memory reset.
/// </summary>
internal static class IotCases
{
    private const Precondition Assoc = Precondition.TrustsSgp26Ci | Precondition.EimCanBeAssociated;
    private static readonly Iccid Unknown = Iccid.Parse("89000123456789012374");

    public static byte[] Remove(long seq) => TlvCodec.Constructed(0xBF30, TlvCodec.Encode(0x80, CardState.IntegerBytes(seq)));

    public static IEnumerable<ConformanceCase> All() => [.. Association(), .. Packages(), .. Mechanisms()];

    private static IEnumerable<ConformanceCase> Association()
    {
        const string Area = "IoT.Association";
        yield return Catalog.Case("ES10b.AddInitialEim.Ok", Area,
            "AddInitialEim with associationToken -1: the card assigns a token and stores the configuration", "SGP.32 §5.9.4", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            True(eim.AssociationToken is > 0, $"association token {eim.AssociationToken}");
            var stored = TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(TestEim.BuildGetEimConfigurationDataRequest())).Single();
            Equal(TestEimOptions.DefaultEimId, stored.EimId, "stored eimId");
            Equal(eim.AssociationToken, stored.AssociationToken, "stored associationToken");
        });
        yield return Catalog.Case("ES10b.AddInitialEim.AssociatedEimAlreadyExists", Area,
            "a second AddInitialEim gives associatedEimAlreadyExists (2)", "SGP.32 §5.9.4", Assoc, ctx =>
        {
            ctx.AssociateEim();
            var other = ctx.NewEim("other.example");
            ctx.Es10Expect(Hex(TestEim.BuildAddInitialEimRequest(other.ConfigurationData)),
                "BF57038101" + Code(SpecCodes.AddInitialEim.AssociatedEimAlreadyExists));
        });
        (string Id, string Title, Func<EimConfigurationData, EimConfigurationData> Change, string Expected)[] bad =
        [
            ("ES10b.AddInitialEim.CounterValueOutOfRange", "counterValue above the card's maximum gives 6",
                d => d with { CounterValue = 8_388_608 }, "BF57038101" + Code(SpecCodes.AddInitialEim.CounterValueOutOfRange)),
            ("ES10b.AddInitialEim.InvalidAssociationToken", "an associationToken other than -1 gives 5",
                d => d with { AssociationToken = 5 }, "BF57038101" + Code(SpecCodes.AddInitialEim.InvalidAssociationToken)),
            ("ES10b.AddInitialEim.CiPKUnknown", "an unknown euiccCiPKId gives 3",
                d => d with { EuiccCiPkId = Convert.FromHexString("0102030405060708090A0B0C0D0E0F1011121314") },
                "BF57038101" + Code(SpecCodes.AddInitialEim.CiPKUnknown)),
        ];
        foreach (var (id, title, change, expected) in bad)
        {
            yield return Catalog.Case(id, Area, title + ", nothing stored", "SGP.32 §5.9.4", Assoc, ctx =>
            {
                var eim = ctx.NewEim();
                ctx.Es10Expect(Hex(TestEim.BuildAddInitialEimRequest(change(eim.ConfigurationData with { CounterValue = 0 }))), expected);
                Equal(0, TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(TestEim.BuildGetEimConfigurationDataRequest())).Count,
                    "eIMs stored");
            });
        }

        yield return Catalog.Case("ES10b.GetEimConfigurationData.Search", Area,
            "search by eimId: the associated one, and none for an unknown id", "SGP.32 §5.9.18", Assoc, ctx =>
        {
            ctx.AssociateEim();
            Equal(1, TestEim.ParseGetEimConfigurationDataResponse(
                ctx.Es10Ok(TestEim.BuildGetEimConfigurationDataRequest(TestEimOptions.DefaultEimId))).Count, "found");
            Equal(0, TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(TestEim.BuildGetEimConfigurationDataRequest("nobody"))).Count,
                "unknown eimId");
        });
        yield return Catalog.Case("ES10b.GetCerts.Ok", Area, "GetCerts returns CERT.EUM and CERT.EUICC that verify up to the SGP.26 CI",
            "SGP.32 §5.9.10", Precondition.TrustsSgp26Ci | Precondition.IotFunctions, ctx =>
        {
            var eim = ctx.NewEim();
            ctx.TrustCard(eim);
        });
        yield return Catalog.Case("ES10b.GetCerts.InvalidCiPKId", Area, "GetCerts for an unknown CI gives 1", "SGP.32 §5.9.10",
            Precondition.IotFunctions,
            ctx => ctx.Es10Expect(Hex(TestEim.BuildGetCertsRequest(new byte[20])), "BF56038101" + Code(SpecCodes.GetCerts.InvalidCiPKId)));
        yield return Catalog.Case("ES10b.GetConnectivityParameters.Answer", Area,
            "GetConnectivityParameters answers httpParams or an error", "SGP.32 §5.9.24", Precondition.IotFunctions, ctx =>
        {
            var r = TestEim.ParseGetConnectivityParametersResponse(ctx.Es10Ok(TestEim.BuildGetConnectivityParametersRequest()));
            True(r.HttpParams is not null
                || r.Error is SpecCodes.GetConnectivityParameters.ParametersNotAvailable
                    or SpecCodes.GetConnectivityParameters.UndefinedError,
                $"error {r.Error}");
        });
        yield return new ConformanceCase("ES10b.GetConnectivityParameters.Configured", Area,
            "a card with connectivity parameters returns them", "SGP.32 §5.9.24", Precondition.IotFunctions, ctx =>
        {
            var response = TestEim.ParseGetConnectivityParametersResponse(ctx.Es10Ok(TestEim.BuildGetConnectivityParametersRequest()));
            Equal("0102", Hex(response.HttpParams ?? []), "httpParams");
        })
        { RequiresCard = new CardRequirement("connectivity parameters 0102") { ConnectivityHttpParams = [0x01, 0x02] } };
        yield return Catalog.Case("ES10b.SetDefaultDpAddress.Iot", Area, "the SGP.32 SetDefaultDpAddress (BF65) answers ok",
            "SGP.32 §5.9.25", Precondition.IotFunctions,
            ctx => Equal(0 /* ok */,
                TestEim.ParseSetDefaultDpAddressResponse(ctx.Es10Ok(TestEim.BuildSetDefaultDpAddressRequest("dp.example"))), "result"));
    }

    private static IEnumerable<ConformanceCase> Packages()
    {
        const string Area = "IoT.Package";
        yield return Catalog.Case("ES10b.LoadEuiccPackage.Enable.Ok", Area,
            "enable PSMO: signed result verifies, profile enabled, result kept until removed", "SGP.32 §5.9.1; §2.11.1", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(200);
            var result = ctx.PackageOk(eim, Psmo.Enable(a));
            ctx.ExpectState(a, 1);
            var listed = Hex(ctx.Es10Ok(Convert.FromHexString("BF2B04A0028200")));
            True(listed.Contains(Hex(result.Raw), StringComparison.Ordinal), "the result is not listed under criterion 82");
            ctx.ExpectResult("RemoveNotificationFromList", SpecCodes.RemoveNotificationFromList.Ok, Remove(result.SeqNumber!.Value));
        });
        (string Id, string Title, EimFaults Faults, EuiccPackageResultKind Kind, int? Code)[] faults =
        [
            ("ES10b.LoadEuiccPackage.WrongSigningKey", "signed with another key: unsigned error", new() { WrongSigningKey = true },
                EuiccPackageResultKind.UnsignedError, null),
            ("ES10b.LoadEuiccPackage.CorruptSignature", "one bit of eimSignature flipped: unsigned error",
                new() { CorruptSignature = true }, EuiccPackageResultKind.UnsignedError, null),
            ("ES10b.LoadEuiccPackage.WrongAssociationToken", "signed over another associationToken: unsigned error",
                new() { WrongAssociationToken = true }, EuiccPackageResultKind.UnsignedError, null),
            ("ES10b.LoadEuiccPackage.InvalidEid", "another EID: signed error invalidEid (3)", new() { WrongEid = true },
                EuiccPackageResultKind.SignedError, SpecCodes.EuiccPackageError.InvalidEid),
            ("ES10b.LoadEuiccPackage.ReplayError", "the last counterValue again: signed error replayError (4)",
                new() { ReplayCounter = true }, EuiccPackageResultKind.SignedError, SpecCodes.EuiccPackageError.ReplayError),
            ("ES10b.LoadEuiccPackage.CounterValueOutOfRange", "counterValue above 8 388 607: signed error counterValueOutOfRange (6)",
                new() { CounterTooHigh = true }, EuiccPackageResultKind.SignedError, SpecCodes.EuiccPackageError.CounterValueOutOfRange),
            ("ES10b.LoadEuiccPackage.SizeOverflow.ManyOperations", "a package over 16 KiB of getRAT PSMOs: signed error sizeOverflow (15)",
                new() { Oversize = OversizeKind.ManyOperations, OversizeBytes = 16 * 1024 + 1 }, EuiccPackageResultKind.SignedError,
                SpecCodes.EuiccPackageError.SizeOverflow),
            ("ES10b.LoadEuiccPackage.SizeOverflow.HugeTagList", "a package over 16 KiB in one tagList: signed error sizeOverflow (15)",
                new() { Oversize = OversizeKind.HugeTagList, OversizeBytes = 16 * 1024 + 1 }, EuiccPackageResultKind.SignedError,
                SpecCodes.EuiccPackageError.SizeOverflow),
        ];
        foreach (var (id, title, f, kind, code) in faults)
        {
            yield return Catalog.Case(id, Area, title + "; nothing changes", "SGP.32 §5.9.1; §2.11.1.1", Assoc, ctx =>
            {
                var eim = ctx.AssociateEim();
                var a = ctx.Install(201);
                ctx.PackageOk(eim, Psmo.GetRat()); // counter 1, so a replay has something to repeat
                var r = ctx.Package(eim, [Psmo.Enable(a)], f);
                Equal(kind, r.Kind, "result kind");
                Equal(code, r.ErrorCode, "error code");
                if (kind == EuiccPackageResultKind.SignedError) True(r.SignatureValid == true, "euiccSignEPE does not verify");
                ctx.ExpectState(a, 0);
                ctx.PackageOk(eim, Psmo.GetRat()); // the counter did not move for the refused package
            });
        }

        yield return Catalog.Case("ES10b.LoadEuiccPackage.CounterSkip", Area, "a counterValue that skips ahead is accepted",
            "SGP.32 §2.11.1.1", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.GetRat()], new EimFaults { CounterSkip = 10 }), 0 /* getRAT: the rules */);
        });
        yield return Catalog.Case("ES10b.LoadEuiccPackage.UnknownEim", Area, "a package from an eIM that is not associated: unsigned error",
            "SGP.32 §5.9.1", Assoc, ctx =>
        {
            ctx.AssociateEim();
            var stranger = ctx.NewEim("stranger.example");
            Equal(EuiccPackageResultKind.UnsignedError,
                TestEim.ParseEuiccPackageResult(ctx.Es10Ok(stranger.BuildEuiccPackage([Psmo.GetRat()]).Encoded)).Kind, "result kind");
        });
        yield return Catalog.Case("ES10b.LoadEuiccPackage.OneSwitchPerPackage", Area,
            "a second enable in one package is refused (127) and processing stops", "SGP.32 §2.11.1.2", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(202);
            var b = ctx.Install(203);
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.Enable(a), Psmo.Enable(b), Psmo.GetRat()]),
                SpecCodes.EnablePsmo.Ok, SpecCodes.EnablePsmo.UndefinedError);
            ctx.ExpectState(a, 1);
            ctx.ExpectState(b, 0);
        });
        yield return Catalog.Case("ES10b.LoadEuiccPackage.StopsAtFirstFailure", Area,
            "delete of an unknown ICCID gives 1 and the next PSMO never runs", "SGP.32 §2.11.1.2", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.Delete(Unknown), Psmo.GetRat()]), SpecCodes.DeletePsmo.IccidOrAidNotFound);
        });
        yield return Catalog.Case("ES10b.LoadEuiccPackage.Psmo.DisableDelete", Area, "disable and delete PSMOs", "SGP.32 §2.11.1.2", Assoc,
            ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(204);
            ctx.PackageOk(eim, Psmo.Enable(a));
            ctx.PackageOk(eim, Psmo.Disable(a));
            ctx.ExpectState(a, 0);
            ctx.PackageOk(eim, Psmo.Delete(a));
            ctx.ExpectAbsent(a);
        });
        yield return Catalog.Case("ES10b.LoadEuiccPackage.Psmo.InfoAndConfig", Area,
            "listProfileInfo, getRAT, setDefaultDpAddress, configureImmediateEnable PSMOs", "SGP.32 §2.11.1.2", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(205);
            var r = ctx.PackageOk(eim, Psmo.ListProfileInfo(iccid: a, tagList: [0x5A]), Psmo.GetRat(),
                Psmo.SetDefaultDpAddress("smdp.example"),
                Psmo.ConfigureImmediateEnable(true, "2.999.10", TestSmdpOptions.DefaultAddress));
            Equal(1, r.Results[0].ProfileInfos!.Count, "profiles listed");
            True(r.Results[1].Rules is { Count: > 0 }, "RAT rules");
            ctx.PackageOk(eim, Psmo.ConfigureImmediateEnable(false));
        });
        yield return Catalog.Case("ES10b.LoadEuiccPackage.Eco.AddListUpdateDelete", Area,
            "addEim, listEim, updateEim, addEim again (2), deleteEim, eimNotFound (1), lastEimDeleted (2)", "SGP.32 §2.11.1.3", Assoc,
            ctx =>
        {
            var eim = ctx.AssociateEim();
            var second = ctx.NewEim("second.example");
            var added = ctx.Package(eim,
                [Eco.AddEim(second.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })]);
            ctx.ExpectSignedResults(added, SpecCodes.AddEimEco.Ok);
            True(added.Results[0].AssociationToken is > 0, "no token assigned to the new eIM");
            var listed = ctx.Package(eim, [Eco.ListEim()]);
            Equal($"{TestEimOptions.DefaultEimId},second.example", string.Join(",", listed.Results[0].EimIds!.Select(e => e.EimId)),
                "listEim");
            ctx.ExpectSignedResults(ctx.Package(eim, [Eco.UpdateEim(second.ConfigurationData with { CounterValue = 100 })]), 0 /* ok */);
            ctx.ExpectSignedResults(ctx.Package(eim, [Eco.AddEim(second.ConfigurationData)]),
                SpecCodes.AddEimEco.AssociatedEimAlreadyExists);
            ctx.ExpectSignedResults(ctx.Package(eim, [Eco.DeleteEim("second.example")]), SpecCodes.DeleteEimEco.Ok);
            ctx.ExpectSignedResults(ctx.Package(eim, [Eco.DeleteEim("second.example")]), SpecCodes.DeleteEimEco.EimNotFound);
            ctx.ExpectSignedResults(ctx.Package(eim, [Eco.DeleteEim(TestEimOptions.DefaultEimId)]), SpecCodes.DeleteEimEco.LastEimDeleted);
        });
    }

    private static IEnumerable<ConformanceCase> Mechanisms()
    {
        const string Area = "IoT.Mechanism";
        yield return Catalog.Case("ES10b.ExecuteFallbackMechanism.FullCycle", Area,
            "no attribute (6); set; fallbackNotAllowed (2); execute; already on it (2); unset while enabled (3); return; nothing to " +
            "return (6); unset; noFallbackAttribute (2)", "SGP.32 §5.9.15-16; §2.11.1.2", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(300);
            var b = ctx.Install(301, fallbackAllowed: true);
            int Execute() => TestEim.ParseExecuteFallbackMechanismResponse(ctx.Es10Ok(TestEim.BuildExecuteFallbackMechanismRequest(false)));
            int Return() => TestEim.ParseReturnFromFallbackResponse(ctx.Es10Ok(TestEim.BuildReturnFromFallbackRequest(false)));
            Equal(SpecCodes.ExecuteFallbackMechanism.FallbackNotAvailable, Execute(), "ExecuteFallbackMechanism without attribute");
            ctx.PackageOk(eim, Psmo.Enable(a), Psmo.SetFallbackAttribute(b));
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.SetFallbackAttribute(a)]),
                SpecCodes.SetFallbackAttributePsmo.FallbackNotAllowed);
            Equal(SpecCodes.ExecuteFallbackMechanism.Ok, Execute(), "ExecuteFallbackMechanism");
            ctx.ExpectState(b, 1);
            ctx.ExpectState(a, 0);
            Equal(SpecCodes.ExecuteFallbackMechanism.ProfileNotInDisabledState, Execute(), "ExecuteFallbackMechanism again");
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.UnsetFallbackAttribute()]),
                SpecCodes.UnsetFallbackAttributePsmo.FallbackProfileEnabled);
            Equal(SpecCodes.ReturnFromFallback.Ok, Return(), "ReturnFromFallback");
            ctx.ExpectState(a, 1);
            Equal(SpecCodes.ReturnFromFallback.FallbackNotAvailable, Return(), "ReturnFromFallback again");
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.UnsetFallbackAttribute()]), SpecCodes.UnsetFallbackAttributePsmo.Ok);
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.UnsetFallbackAttribute()]),
                SpecCodes.UnsetFallbackAttributePsmo.NoFallbackAttribute);
        });
        yield return Catalog.Case("ES10b.EnableEmergencyProfile.Preemption", Area,
            "emergency enable preempts packages, fallback and memory reset (104); enable again (2); disable restores; disable again (2)",
            "SGP.32 §5.9.20-21", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(302);
            var b = ctx.Install(303, fallbackAllowed: true);
            var e = ctx.Install(304, ecall: true);
            ctx.PackageOk(eim, Psmo.Enable(a), Psmo.SetFallbackAttribute(b));
            Equal(SpecCodes.EnableEmergencyProfile.Ok,
                TestEim.ParseEnableEmergencyProfileResponse(ctx.Es10Ok(TestEim.BuildEnableEmergencyProfileRequest(false))),
                "EnableEmergencyProfile");
            ctx.ExpectState(e, 1);
            ctx.ExpectState(a, 0);
            ctx.ExpectSignedError(ctx.Package(eim, [Psmo.GetRat()]), SpecCodes.EuiccPackageError.EcallActive);
            Equal(SpecCodes.ExecuteFallbackMechanism.EcallActive,
                TestEim.ParseExecuteFallbackMechanismResponse(ctx.Es10Ok(TestEim.BuildExecuteFallbackMechanismRequest(false))),
                "ExecuteFallbackMechanism");
            Equal(SpecCodes.IotEuiccMemoryReset.EcallActive,
                TestEim.ParseEuiccMemoryResetResponse(
                    ctx.Es10Ok(TestEim.BuildEuiccMemoryResetRequest(IotMemoryResetOptions.DeleteOperationalProfiles))).ResetResult,
                    "eUICCMemoryReset");
            Equal(SpecCodes.EnableEmergencyProfile.ProfileNotInDisabledState,
                TestEim.ParseEnableEmergencyProfileResponse(ctx.Es10Ok(TestEim.BuildEnableEmergencyProfileRequest(false))),
                "EnableEmergencyProfile again");
            Equal(SpecCodes.DisableEmergencyProfile.Ok,
                TestEim.ParseDisableEmergencyProfileResponse(ctx.Es10Ok(TestEim.BuildDisableEmergencyProfileRequest(false))),
                "DisableEmergencyProfile");
            ctx.ExpectState(a, 1);
            ctx.ExpectState(e, 0);
            Equal(SpecCodes.DisableEmergencyProfile.ProfileNotInEnabledState,
                TestEim.ParseDisableEmergencyProfileResponse(ctx.Es10Ok(TestEim.BuildDisableEmergencyProfileRequest(false))),
                "DisableEmergencyProfile again");
            ctx.PackageOk(eim, Psmo.GetRat());
        });
        yield return Catalog.Case("ES10b.EnableEmergencyProfile.EcallNotAvailable", Area, "without an ecall profile: ecallNotAvailable (8)",
            "SGP.32 §5.9.20", Precondition.IotFunctions | Precondition.NoProfileInstalled,
            ctx => Equal(SpecCodes.EnableEmergencyProfile.EcallNotAvailable,
                TestEim.ParseEnableEmergencyProfileResponse(ctx.Es10Ok(TestEim.BuildEnableEmergencyProfileRequest(false))), "result"));
        yield return Catalog.Case("ES10b.LoadEuiccPackage.Enable.EmergencyProfileDisallowed", Area,
            "an enable PSMO on the emergency profile gives disallowedByPolicy (3)", "SGP.32 §2.11.1.2", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var e = ctx.Install(305, ecall: true);
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.Enable(e)]), SpecCodes.EnablePsmo.DisallowedByPolicy);
            ctx.ExpectState(e, 0);
        });
        yield return Catalog.Case("ES10b.ProfileRollback.Cycle", Area,
            "nothing to roll back (1); rollback needs a previous profile (20); rollback returns the stored result once",
            "SGP.32 §5.9.22; §2.11.1.2", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var a = ctx.Install(306);
            var b = ctx.Install(307);
            int Rollback() => TestEim.ParseProfileRollbackResponse(ctx.Es10Ok(TestEim.BuildProfileRollbackRequest(false))).CmdResult;
            Equal(SpecCodes.ProfileRollback.RollbackNotAllowed, Rollback(), "ProfileRollback with nothing to roll back");
            ctx.ExpectSignedResults(ctx.Package(eim, [Psmo.Enable(a, rollbackFlag: true)]), SpecCodes.EnablePsmo.RollbackNotAvailable);
            ctx.PackageOk(eim, Psmo.Enable(a));
            var granted = ctx.PackageOk(eim, Psmo.Enable(b, rollbackFlag: true));
            ctx.ExpectState(b, 1);
            var rollback = TestEim.ParseProfileRollbackResponse(ctx.Es10Ok(TestEim.BuildProfileRollbackRequest(false)));
            Equal(SpecCodes.ProfileRollback.Ok, rollback.CmdResult, "ProfileRollback");
            Equal(Hex(granted.Raw), Hex(rollback.EuiccPackageResult ?? []), "stored result returned");
            ctx.ExpectState(a, 1);
            ctx.ExpectState(b, 0);
            Equal(SpecCodes.ProfileRollback.RollbackNotAllowed, Rollback(), "ProfileRollback again");
        });
        yield return Catalog.Case("ES10b.ImmediateEnable.Cycle", Area,
            "nothing installed (4); configure; download from the configured SM-DP+; immediate enable; again (4)",
            "SGP.32 §5.9.17, §5.9.23",
            Precondition.TrustsSgp26Ci | Precondition.EimCanBeAssociated, ctx =>
        {
            int Immediate() => TestEim.ParseImmediateEnableResponse(ctx.Es10Ok(TestEim.BuildImmediateEnableRequest(false)));
            Equal(SpecCodes.ImmediateEnable.NoSessionContext, Immediate(), "ImmediateEnable with nothing installed");
            Equal(SpecCodes.ConfigureImmediateProfileEnabling.Ok, TestEim.ParseConfigureImmediateProfileEnablingResponse(ctx.Es10Ok(
                TestEim.BuildConfigureImmediateProfileEnablingRequest(true, "2.999.10", TestSmdpOptions.DefaultAddress))),
                    "ConfigureImmediateProfileEnabling");
            var a = ctx.Install(308);
            Equal(SpecCodes.ImmediateEnable.Ok, Immediate(), "ImmediateEnable");
            ctx.ExpectState(a, 1);
            Equal(SpecCodes.ImmediateEnable.NoSessionContext, Immediate(), "ImmediateEnable again");
            ctx.ExpectResult("DisableProfile", SpecCodes.DisableProfile.Ok, DisableRequest(a));
            Equal(SpecCodes.ConfigureImmediateProfileEnabling.Ok,
                TestEim.ParseConfigureImmediateProfileEnablingResponse(
                    ctx.Es10Ok(TestEim.BuildConfigureImmediateProfileEnablingRequest(false))), "unconfigure");
        });
        yield return Catalog.Case("ES10b.ImmediateEnable.OtherSmdp", Area,
            "a profile from another SM-DP+ than configured: not available (1); configuration refused once an eIM is associated (2)",
            "SGP.32 §5.9.17, §5.9.23", Assoc, ctx =>
        {
            Equal(SpecCodes.ConfigureImmediateProfileEnabling.Ok,
                TestEim.ParseConfigureImmediateProfileEnablingResponse(
                    ctx.Es10Ok(TestEim.BuildConfigureImmediateProfileEnablingRequest(true, "2.999.99"))), "configure");
            ctx.Install(309);
            Equal(SpecCodes.ImmediateEnable.ImmediateEnableNotAvailable,
                TestEim.ParseImmediateEnableResponse(ctx.Es10Ok(TestEim.BuildImmediateEnableRequest(false))), "ImmediateEnable");
            Equal(SpecCodes.ConfigureImmediateProfileEnabling.Ok,
                TestEim.ParseConfigureImmediateProfileEnablingResponse(
                    ctx.Es10Ok(TestEim.BuildConfigureImmediateProfileEnablingRequest(false))), "unconfigure");
            ctx.AssociateEim();
            Equal(SpecCodes.ConfigureImmediateProfileEnabling.AssociatedEimAlreadyExists,
                TestEim.ParseConfigureImmediateProfileEnablingResponse(
                    ctx.Es10Ok(TestEim.BuildConfigureImmediateProfileEnablingRequest(true))), "configure with an eIM");
        });
        yield return Catalog.Case("ES10b.EuiccMemoryReset.Iot", Area,
            "SGP.32 reset of profiles, eIM configuration and immediate-enable configuration; again: nothing (1,1)", "SGP.32 §5.9.5",
            Assoc | Precondition.NoProfileInstalled, ctx =>
        {
            var eim = ctx.AssociateEim();
            ctx.Install(310);
            ctx.PackageOk(eim, Psmo.ConfigureImmediateEnable(true));
            var reset = TestEim.ParseEuiccMemoryResetResponse(ctx.Es10Ok(TestEim.BuildEuiccMemoryResetRequest(
                IotMemoryResetOptions.DeleteOperationalProfiles | IotMemoryResetOptions.ResetEimConfigData
                    | IotMemoryResetOptions.ResetImmediateEnableConfig)));
            Equal(new IotMemoryResetResponse(SpecCodes.IotEuiccMemoryReset.Ok, SpecCodes.IotEuiccMemoryResetEim.Ok,
                SpecCodes.IotEuiccMemoryResetImmediateEnableConfig.Ok), reset, "reset results");
            Equal(0, ctx.Profiles().Count, "profiles left");
            var again = TestEim.ParseEuiccMemoryResetResponse(ctx.Es10Ok(TestEim.BuildEuiccMemoryResetRequest(
                IotMemoryResetOptions.DeleteOperationalProfiles | IotMemoryResetOptions.ResetEimConfigData)));
            Equal(new IotMemoryResetResponse(SpecCodes.IotEuiccMemoryReset.NothingToDelete,
                SpecCodes.IotEuiccMemoryResetEim.NothingToDelete, null), again, "second reset results");
        });
    }
}
