using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Values;
using static EuiccEmulator.Conformance.CaseContext;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>
/// SGP.32 v1.0 (conformance --sgp32 1.0): the exchanges the open SGP.32 v1.0 IPAd makes, with the v1.0 values
/// written out literally. Its flow: GetEimConfigurationData and GetEID at start-up; AddInitialEim when provisioned;
/// LoadEuiccPackage, then RetrieveNotificationsList by the result's seqNumber and RemoveNotificationFromList; notification
/// delivery through RetrieveNotificationsList without criteria; eUICCMemoryReset under BF34; EnableUsingDD after a download.
/// </summary>
internal static class V10Cases
{
    private const string Area = "IoT.v1.0";
    private const Precondition Assoc = Precondition.TrustsSgp26Ci | Precondition.EimCanBeAssociated;

    public static IEnumerable<ConformanceCase> All()
    {
        yield return Catalog.Case("V10.GetEimConfigurationData.EmptyRequest", Area, "BF55 00 (v1.0 has no searchCriteria) lists the eIMs",
            "SGP.32 v1.0 §5.9.18", Precondition.IotFunctions,
            ctx => True(ctx.Es10Hex("BF5500").StartsWith("BF55", StringComparison.Ordinal) && ctx.Es10Hex("BF5500")[6..8] == "A0",
                "eimConfigurationDataList (A0)"));
        yield return Catalog.Case("V10.AddInitialEim.Provisioning", Area,
            "AddInitialEim as an IPAd provisions it (eimFqdn, counterValue 1, associationToken -1): A0 { 84 token }", "SGP.32 v1.0 §5.9.4",
            Assoc, ctx =>
        {
            var eim = ctx.NewEim("EIM");
            var request = TestEim.BuildAddInitialEimRequest(eim.ConfigurationData with
            {
                EimFqdn = "127.0.0.1:8000",
                CounterValue = 1,
                AssociationToken = EimConfigurationData.AssignAssociationToken,
            });
            var response = ctx.Es10Hex(Hex(request));
            True(response.StartsWith("BF5705A0038401", StringComparison.Ordinal) && response.Length == 16,
                $"addInitialEimOk with one associationToken, got {response}");
            // GetEimConfigurationData returns what was provisioned: 80 eimId, 81 eimFqdn, 83 counter, 84 token, A5 key, nothing else.
            var stored = TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(Convert.FromHexString("BF5500"))).Single();
            Equal("127.0.0.1:8000", stored.EimFqdn, "eimFqdn");
            Equal(null, stored.EimIdType, "eimIdType (not provisioned)");
            Equal(null, stored.SupportedProtocols, "eimSupportedProtocol (not provisioned)");
        });
        yield return Catalog.Case("V10.eUICCMemoryReset.ResetEimConfigData", Area,
            "BF34 { 82 03 10 } (resetEimConfigData, bit 3, as the IPAd encodes it) -> BF34 { 02 resetResult, 81 00 }, eIMs gone",
            "SGP.32 v1.0 §5.9.5", Assoc, ctx =>
        {
            ctx.AssociateEim();
            var response = ctx.Es10Hex("BF340482020310");
            True(response is "BF3406020100810100" or "BF3406020101810100", $"BF34 {{ 02 ok|nothingToDelete, 81 ok }}, got {response}");
            Equal(0, TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(Convert.FromHexString("BF5500"))).Count,
                "eIMs after the reset");
        });
        yield return Catalog.Case("V10.eUICCMemoryReset.AutoEnableConfig", Area,
            "BF34 { 82 02 03 08 } (resetAutoEnableConfig, bit 4) -> BF34 { 02 resetResult, 82 00 }", "SGP.32 v1.0 §5.9.5",
            Precondition.IotFunctions | Precondition.NoProfileInstalled | Precondition.NoDefaultDpAddress,
            ctx => ctx.Es10Expect("BF340482020308", "BF3406020101820100"));
        yield return Catalog.Case("V10.eUICCMemoryReset.AllOptions", Area,
            "BF34 { 82 02 03 F8 } (all five v1.0 options, what the open v1.0 IPAd sends for its memory reset) -> BF34 { 02 resetResult, "
                + "81 00, 82 00 }",
            "SGP.32 v1.0 §5.9.5", Assoc | Precondition.NoProfileInstalled | Precondition.NoDefaultDpAddress, ctx =>
        {
            ctx.AssociateEim();
            ctx.Es10Expect("BF3404820203F8", "BF3409020101810100820100");
            Equal(0, TestEim.ParseGetEimConfigurationDataResponse(ctx.Es10Ok(Convert.FromHexString("BF5500"))).Count,
                "eIMs after the reset");
        });
        yield return Catalog.Case("V10.GetCerts.NoCiPkId", Area,
            "GetCerts BF56 00 (no euiccCiPKId, as the open v1.0 IPAd asks for IpaEuiccData) -> BF56 { A0 { A5 CERT.EUM, A6 CERT.EUICC } }",
            "SGP.32 v1.0 §5.9.10", Precondition.IotFunctions, ctx =>
        {
            var certs = TestEim.ParseGetCertsResponse(ctx.Es10Ok(Convert.FromHexString("BF5600")));
            True(certs.Error is null && certs.EumCertificate is not null && certs.EuiccCertificate is not null,
                $"certificates, got error {certs.Error}");
        });
        yield return Catalog.Case("V10.EnableUsingDD.NoSessionContext", Area,
            "EnableUsingDD (BF5A 00, no refreshFlag) without a download gives noSessionContext (4)", "SGP.32 v1.0 §5.9.15",
            Precondition.IotFunctions,
            ctx => ctx.Es10Expect("BF5A00", "BF5A03800104"));
        yield return Catalog.Case("V10.ConfigureAutoProfileEnabling.Ok", Area,
            "ConfigureAutoProfileEnabling (BF59 { 80 autoEnableFlag }) before any eIM gives ok (0)", "SGP.32 v1.0 §5.9.17",
            Precondition.IotFunctions | Precondition.EimCanBeAssociated, ctx =>
        {
            ctx.Es10Expect("BF59028000", "BF5903800100");
            ctx.Es10Expect("BF340482020308", "BF3406020101820100"); // put the configuration back
        });
        yield return Catalog.Case("V10.GetEUICCInfo2.IotSpecificInfo", Area,
            "EUICCInfo2 iotSpecificInfo is B4 { A0 { 04 01 00 00 } } (iotVersion only)", "SGP.32 v1.0 §5.9.2", Precondition.IotFunctions,
            ctx => True(ctx.Es10Hex("BF2200").Contains("B407A0050403010000", StringComparison.Ordinal),
                "iotSpecificInfo B407A0050403010000"));
        foreach (var (tag, name) in new[] { ("BF6404820201E0", "BF64 eUICCMemoryReset (v1.2)"),
            ("BF5D03800100", "BF5D ExecuteFallbackMechanism"), ("BF5B03800100", "BF5B EnableEmergencyProfile"),
            ("BF5F00", "BF5F GetConnectivityParameters") })
        {
            yield return Catalog.Case($"V10.Unknown.{tag[..4]}", Area, $"{name} does not exist in v1.0: not answered 9000",
                "SGP.32 v1.0 §5.9", Precondition.IotFunctions,
                ctx => True(ctx.Es10(Convert.FromHexString(tag)).StatusWord != 0x9000, $"{name} refused"));
        }

        yield return Catalog.Case("V10.LoadEuiccPackage.Enable.ResultBySeqNumber", Area,
            "a package signed over EuiccPackageSigned alone enables; RetrieveNotificationsList { 80 seqNumber of the result } returns it " +
            "(A2), RemoveNotificationFromList removes it", "SGP.32 v1.0 §3.3.1; §5.9.1; §5.9.11",
            Assoc | Precondition.NoProfileInstalled,
            ctx =>
        {
            var eim = ctx.AssociateEim();
            var iccid = ctx.Install(301);
            var result = ctx.Package(eim, [Psmo.Enable(iccid)]);
            Equal(0, result.Results.Single().Code, "enableResult");
            var seq = result.SeqNumber ?? throw new ConformanceFailure("no seqNumber in the result");
            var search = TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok(TlvCodec.Constructed(0xBF2B,
                TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x80, CardState.IntegerBytes(seq)))))).Value);
            Equal(0xA2, search.Tag, "RetrieveNotificationsList(seqNumber) alternative (euiccPackageResultList)");
            Equal(Hex(result.Raw), Hex(search.Children().Single().Raw.Span), "the result found by its seqNumber");
            ctx.Es10Expect(Hex(IotCases.Remove(seq)), "BF3003800100");
            // Notification delivery: RetrieveNotificationsList without criteria is the notificationList (A0).
            Equal(0xA0, TlvCodec.ReadSingle(TlvCodec.ReadSingle(ctx.Es10Ok([0xBF, 0x2B, 0x00])).Value).Tag,
                "RetrieveNotificationsList() alternative");
        });
        yield return Catalog.Case("V10.LoadEuiccPackage.V12SignatureInput.Unsigned", Area,
            "a package signed over EuiccPackageSigned and the associationToken DO is refused: BF51 A2 { 80 eimId, 84 token } (no " +
            "transactionId in v1.0)", "SGP.32 v1.0 §2.11.2.1", Assoc, ctx =>
        {
            var token = ctx.AssociateEim().AssociationToken ?? throw new ConformanceFailure("no associationToken assigned");
            using var v12 = new TestEim(new TestEimOptions { Eid = ctx.Eid(), SignAssociationToken = true, AssociationToken = token });
            var request = v12.BuildEuiccPackage([Psmo.GetRat()]);
            var tokenDo = Hex(TestEim.AssociationTokenDo(token));
            var body = "800F65696D2E6578616D706C652E636F6D" + tokenDo;
            ctx.Es10Expect(Hex(request.Encoded), $"BF51{body.Length / 2 + 2:X2}A2{body.Length / 2:X2}{body}");
        });
        yield return Catalog.Case("V10.LoadEuiccPackage.ListEim", Area, "listEim: EimIdInfo eimIdType is [4] (84) in v1.0",
            "SGP.32 v1.0 §2.11.2.1", Assoc, ctx =>
        {
            var eim = ctx.AssociateEim();
            var request = eim.BuildEuiccPackage([Eco.ListEim()]);
            var result = eim.VerifyEuiccPackageResult(ctx.Es10Ok(request.Encoded), request);
            var list = Hex(result.Results.Single().Raw.Span);
            True(list.StartsWith("AB", StringComparison.Ordinal) && !list.Contains("820103", StringComparison.Ordinal),
                $"listEimResult {list}");
        });
    }
}
