using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Rsp.Tests.Trace;

/// <summary>Hex vectors for decoding by ASN.1 path: each names its fields by the component they are, per SGP.32 version.</summary>
public class AsnPathDecoderTests
{
    private const string Sig = "5F374000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000";

    // An eUICC Package Result with a getRAT result: A6 is getRATResult here (not euiccCertificate), 80 pprIds (not eimId).
    private const string EprWithGetRat = "BF5167A06530208001658101018301023015A613301180020560A10730058003EEEEEE82020780" + Sig;

    private const string PackageEnable = "BF516D30288001655A1089049032123451234512345678901235810101A00EA30C5A0A98001032547698103214" + Sig;

    private static List<string> Decode(string hex, bool response, Sgp32Version version = Sgp32Version.V1_2)
    {
        var bytes = Convert.FromHexString(hex);
        var tag = bytes[0] << 8 | bytes[1];
        var function = Es10Schema.For(version).Function(tag) ?? throw new InvalidOperationException($"no function {tag:X4}");
        return [.. AsnPathDecoder.Decode(bytes, function.Name,
            new AsnField(tag, response ? "response" : "request", response ? function.Response : function.Request))
            .Select(f => f.Value is null ? f.Path : $"{f.Path}={f.Value}")];
    }

    [Fact]
    public void GetRat_result_inside_a_package_result_is_named_by_its_path()
    {
        var paths = Decode(EprWithGetRat, response: true);
        const string Data = "LoadEuiccPackage.response.euiccPackageResultSigned.euiccPackageResultDataSigned";
        Assert.Contains("LoadEuiccPackage.response.euiccPackageResultSigned", paths);
        Assert.Contains(Data + ".eimId=\"e\"", paths);
        Assert.Contains(Data + ".seqNumber=2", paths);
        Assert.Contains(Data + ".euiccResult.getRATResult", paths);
        Assert.Contains(Data + ".euiccResult.getRATResult.profilePolicyAuthorisationRule.pprIds=0560 {ppr1, ppr2}", paths);
        Assert.Contains(Data + ".euiccResult.getRATResult.profilePolicyAuthorisationRule.allowedOperators.operatorId.mccMnc=EEEEEE", paths);
        Assert.Contains(Data + ".euiccResult.getRATResult.profilePolicyAuthorisationRule.pprFlags=0780 {consentRequired}", paths);
        Assert.DoesNotContain(paths, p =>
            p.Contains("euiccCertificate", StringComparison.Ordinal) || p.Contains("psmoList", StringComparison.Ordinal));
    }

    [Fact]
    public void Iccid_and_eid_are_told_apart_by_their_component()
    {
        var paths = Decode(PackageEnable, response: false);
        Assert.Contains("LoadEuiccPackage.request.euiccPackageSigned.eidValue=89049032123451234512345678901235", paths);
        Assert.Contains("LoadEuiccPackage.request.euiccPackageSigned.psmoList.enable.iccid=89000123456789012341", paths);
        Assert.Contains("LoadEuiccPackage.request.euiccPackageSigned.counterValue=1", paths);
    }

    [Theory]
    // SGP.22 ES10a/b/c, the same in both versions.
    [InlineData("BF3E035C015A", false, "GetEID.request.tagList=5A")]
    [InlineData("BF3E125A1089049032123451234512345678901235", true, "GetEID.response.eidValue=89049032123451234512345678901235")]
    [InlineData("BF2E128010000102030405060708090A0B0C0D0E0F", true,
        "GetEUICCChallenge.response.euiccChallenge=000102030405060708090A0B0C0D0E0F")]
    [InlineData("BF3111A00C5A0A980010325476981032148101FF", false, "EnableProfile.request.profileIdentifier.iccid=89000123456789012341")]
    [InlineData("BF3111A00C5A0A980010325476981032148101FF", false, "EnableProfile.request.refreshFlag=TRUE")]
    [InlineData("BF3103800102", true, "EnableProfile.response.enableResult=2 (profileNotInDisabledState)")]
    [InlineData("BF3203800103", true, "DisableProfile.response.disableResult=3 (disallowedByPolicy)")]
    [InlineData("BF330C5A0A98001032547698103214", false, "DeleteProfile.request.iccid=89000123456789012341")]
    [InlineData("BF3303800101", true, "DeleteProfile.response.deleteResult=1 (iccidOrAidNotFound)")]
    [InlineData("BF2D075C055A4F9F7095", false, "GetProfilesInfo.request.tagList=5A4F9F7095")]
    [InlineData("BF2D14A012E3105A0A980010325476981032149F700101", true,
        "GetProfilesInfo.response.profileInfoListOk.profileInfo.profileState=1 (enabled)")]
    [InlineData("BF2D03810101", true, "GetProfilesInfo.response.profileInfoListError=1 (incorrectInputValues)")]
    [InlineData("BF2B05A003800102", false, "RetrieveNotificationsList.request.searchCriteria.seqNumber=2")]
    [InlineData("BF2B04A0028200", false, "RetrieveNotificationsList.request.searchCriteria.euiccPackageResults=NULL")]
    [InlineData("BF2B03810101", true, "RetrieveNotificationsList.response.notificationsListResultError=1")]
    [InlineData("BF3003800102", false, "RemoveNotificationFromList.request.seqNumber=2")]
    [InlineData("BF3003800101", true, "RemoveNotificationFromList.response.deleteNotificationStatus=1 (nothingToDelete)")]
    [InlineData("BF2804810205A0", false, "ListNotification.request.profileManagementOperation=05A0 {notificationInstall, "
        + "notificationDisable}")]
    [InlineData("BF3C088003612E62810163", true, "GetEuiccConfiguredAddresses.response.defaultDpAddress=\"a.b\"")]
    [InlineData("BF3F03800100", true, "SetDefaultDpAddress.response.setDefaultDpAddressResult=0 (ok)")]
    [InlineData("BF290F5A0A9800103254769810321490016E", false, "SetNickname.request.profileNickname=\"n\"")]
    [InlineData("BF200B8203020500A904040201FF", true, "GetEUICCInfo1.response.svn=2.5.0")]
    [InlineData("BF3817A11580100102030405060708090A0B0C0D0E0F10020102", true,
        "AuthenticateServer.response.authenticateResponseError.authenticateErrorCode=2 (invalidSignature)")]
    [InlineData("BF2117A11580100102030405060708090A0B0C0D0E0F10020105", true,
        "PrepareDownload.response.downloadResponseError.downloadErrorCode=5 (invalidTransactionId)")]
    [InlineData("BF4103810105", true, "CancelSession.response.cancelSessionResponseError=5 (invalidTransactionId)")]
    [InlineData("BF430BA009300780020560820100", true, "GetRAT.response.rat.profilePolicyAuthorisationRule.pprIds=0560 {ppr1, ppr2}")]
    // SGP.32, the same in both versions.
    [InlineData("BF5705A003840101", true, "AddInitialEim.response.addInitialEimOk.associationToken=1")]
    [InlineData("BF5704A0020500", true, "AddInitialEim.response.addInitialEimOk.addOk=NULL")]
    [InlineData("BF5603810101", true, "GetCerts.response.getCertsError=1 (invalidCiPKId)")]
    [InlineData("BF5603A00100", false, "GetCerts.request.?A0")]
    [InlineData("BF5803020101", true, "ProfileRollback.response.cmdResult=1 (rollbackNotAllowed)")]
    [InlineData("BF5903800100", true, "ConfigureImmediateProfileEnabling.response.configImmediateEnableResult=0 (ok)")]
    [InlineData("BF510EA20C800165820401020304840101", true,
        "LoadEuiccPackage.response.euiccPackageErrorUnsigned.eimTransactionId=01020304")]
    [InlineData("BF515EA05C3017800165810101830102300CAB0AA0083006800165820102" + Sig, true,
        "LoadEuiccPackage.response.euiccPackageResultSigned.euiccPackageResultDataSigned.euiccResult.listEimResult."
            + "eimIdList.eimIdInfo.eimIdType=2 (eimIdTypeFqdn)")]
    // SGP.32 v1.2 only.
    [InlineData("BF5A03800100", false, "ImmediateEnable.request.refreshFlag=FALSE")]
    [InlineData("BF5A03800105", true, "ImmediateEnable.response.immediateEnableResult=5 (catBusy)")]
    [InlineData("BF6404820201E0", false, "eUICCMemoryReset (IoT).request.resetOptions=01E0 {deleteOperationalProfiles, "
        + "deleteFieldLoadedTestProfiles, resetDefaultSmdpAddress}")]
    [InlineData("BF6406800100810100", true, "eUICCMemoryReset (IoT).response.resetEimResult=0 (ok)")]
    [InlineData("BF3403800101", true, "eUICCMemoryReset.response.resetResult=1 (nothingToDelete)")]
    [InlineData("BF5D03800168", true, "ExecuteFallbackMechanism.response.executeFallbackMechanismResult=104 (ecallActive)")]
    [InlineData("BF5F03810101", true, "GetConnectivityParameters.response.connectivityParametersError=1 (parametersNotAvailable)")]
    public void Vectors_v12(string hex, bool response, string expected) => Assert.Contains(expected, Decode(hex, response));

    [Theory]
    [InlineData("BF5A00", false, "EnableUsingDD.request")]
    [InlineData("BF5A03800101", true, "EnableUsingDD.response.enableUsingDDResult=1 (autoEnableNotAvailable)")]
    [InlineData("BF340482020410", false, "eUICCMemoryReset.request.resetOptions=0410 {resetEimConfigData}")]
    [InlineData("BF340482020308", false, "eUICCMemoryReset.request.resetOptions=0308 {resetAutoEnableConfig}")]
    [InlineData("BF3406020101810100", true, "eUICCMemoryReset.response.resetResult=1 (nothingToDelete)")]
    [InlineData("BF3406020101810100", true, "eUICCMemoryReset.response.resetEimResult=0 (ok)")]
    [InlineData("BF5903800102", true,
        "ConfigureAutoProfileEnabling.response.configAutoEnableResult=2 (unsignedAutoEnableConfigDisallowed)")]
    [InlineData("BF5703810102", true, "AddInitialEim.response.addInitialEimError=2 (unsignedEimConfigDisallowed)")]
    [InlineData("BF5116A214800F65696D2E6578616D706C652E636F6D840101", true,
        "LoadEuiccPackage.response.euiccPackageErrorUnsigned.associationToken=1")]
    [InlineData("BF515EA05C3017800165810101830102300CAB0AA0083006800165840102" + Sig, true,
        "LoadEuiccPackage.response.euiccPackageResultSigned.euiccPackageResultDataSigned.euiccResult.listEimResult."
            + "eimIdList.eimIdInfo.eimIdType=2 (eimIdTypeFqdn)")]
    [InlineData("BF2B06A304A000A100", true, "RetrieveNotificationsList.response.notificationAndEprList.euiccPackageResultList")]
    [InlineData("BF516D30288001655A1089049032123451234512345678901235810101A00EA30C5A0A98001032547698103214" + Sig, false,
        "LoadEuiccPackage.request.euiccPackageSigned.psmoList.enable.iccid=89000123456789012341")]
    public void Vectors_v10(string hex, bool response, string expected) =>
        Assert.Contains(expected, Decode(hex, response, Sgp32Version.V1_0));

    [Fact]
    public void Components_of_the_other_version_are_flagged_not_misnamed()
    {
        // v1.0 EuiccPackageErrorUnsigned has no 82 transactionId; the v1.2 fallback PSMOs do not exist in v1.0.
        var fields = AsnPathDecoder.Decode(Convert.FromHexString("BF510EA20C800165820401020304840101"), "LoadEuiccPackage",
            new AsnField(0xBF51, "response", Es10Schema.V1_0.EuiccPackageResult));
        var unknown = Assert.Single(fields, f => f.Note is not null);
        Assert.Equal(0x82, unknown.Tag);
        Assert.Contains("this SGP.32 version", unknown.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BF2B05A0038001")] // content cut short
    [InlineData("BF2B")] // tag without length
    [InlineData("BF2B84FFFFFFFF")] // length beyond any buffer
    public void Malformed_input_is_reported_not_thrown(string hex)
    {
        var fields = AsnPathDecoder.Decode(Convert.FromHexString(hex), "RetrieveNotificationsList",
            new AsnField(0xBF2B, "request", Es10Schema.V1_2.Function(0xBF2B)!.Value.Request));
        Assert.NotEmpty(fields);
        Assert.Contains(fields, f => f.Note is not null || f.Name == "(not BER)");
    }
}
