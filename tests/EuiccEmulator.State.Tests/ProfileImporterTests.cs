using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Tests;
using EuiccEmulator.Rsp.Tests.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.State.Tests;

public sealed class ProfileImporterTests
{
    private static readonly byte[] s_usim = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim);
    private static readonly ProfileImportOptions s_named = new() { PackageName = "usim.der", MetadataName = "usim.json" };

    public static TheoryData<string> Ts48Packages() => TestPaths.Ts48Packages();

    [Theory]
    [MemberData(nameof(Ts48Packages))]
    public void Import_Ts48PackageWithoutMetadata_DefaultsFromHeader(string relative)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Ts48, relative));

        var result = ProfileImporter.Import(bytes);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("89000123456789012341", result.Profile!.Iccid.Digits);
        Assert.Equal("GSMA Generic eUICC Test Profile", result.Profile.ServiceProviderName);
        Assert.Equal("GSMA Generic eUICC Test Profile", result.Profile.ProfileName);
        Assert.Equal(bytes, result.Package);
        Assert.Equal(bytes.Length, result.Profile.PackageSize);
        Assert.Empty(result.Profile.IsdpAid);
        Assert.Equal(ProfileState.Disabled, result.Profile.State);
    }

    [Fact]
    public void Import_FullSideFile_MapsEveryField()
    {
        const string json = """
        {"serviceProviderName":"SP","profileName":"Name","profileClass":"provisioning","iconType":"png","icon":"AQID",
         "nickname":"nick","notifications":[{"events":["install","delete"],"address":"smdp.example.test"}],
         "profileOwner":{"mccMnc":"00F110","gid1":"AB","gid2":"CDEF"},"ppr":["ppr1","ppr2","updateControl"],
         "ecallIndication":true,"fallbackAllowed":true}
        """;

        var profile = ProfileImporter.Import(s_usim, json).Profile!;

        Assert.Equal(("SP", "Name", "nick"), (profile.ServiceProviderName, profile.ProfileName, profile.Nickname));
        Assert.Equal(ProfileClass.Provisioning, profile.ProfileClass);
        Assert.Equal(IconType.Png, profile.IconType);
        Assert.Equal(new byte[] { 1, 2, 3 }, profile.Icon);
        var notification = Assert.Single(profile.NotificationConfigs);
        Assert.Equal(NotificationEvents.Install | NotificationEvents.Delete, notification.Events);
        Assert.Equal("smdp.example.test", notification.Address);
        Assert.Equal(new byte[] { 0x00, 0xF1, 0x10 }, profile.ProfileOwner!.MccMnc);
        Assert.Equal(new byte[] { 0xAB }, profile.ProfileOwner.Gid1);
        Assert.Equal(new byte[] { 0xCD, 0xEF }, profile.ProfileOwner.Gid2);
        Assert.Equal(PprIds.Ppr1DisableNotAllowed | PprIds.Ppr2DeleteNotAllowed | PprIds.UpdateControl, profile.Pprs);
        Assert.True(profile.EcallIndication);
        Assert.True(profile.FallbackAllowed);
    }

    [Fact]
    public void Import_Overrides_WinOverSideFile()
    {
        var result = ProfileImporter.Import(s_usim, """{"profileName":"from json","profileClass":"test"}""",
            new ProfileMetadataOverrides { ProfileName = "override", Nickname = "n" });

        Assert.Equal("override", result.Profile!.ProfileName);
        Assert.Equal("n", result.Profile.Nickname);
        Assert.Equal(ProfileClass.Test, result.Profile.ProfileClass);
    }

    [Fact]
    public void Import_HeaderWithoutProfileType_DefaultsFromIccid()
    {
        var result = ProfileImporter.Import(Vectors.Bytes(Vectors.Header, Vectors.MfWithIccid, Vectors.End2));

        Assert.Equal("ICCID 89000100000000000102", result.Profile!.ServiceProviderName);
        Assert.Equal("Profile 89000100000000000102", result.Profile.ProfileName);
        Assert.Equal(ProfileClass.Operational, result.Profile.ProfileClass);
    }

    public static TheoryData<string, string> BadSideFiles() => new()
    {
        { """{"profileClass":"testing"}""", "usim.json: profileClass: expected one of test, provisioning, operational" },
        { """{"profilename":"x"}""", "usim.json: profilename: unknown key (expected one of serviceProviderName, profileName, "
            + "profileClass, iconType, icon, nickname, notifications, profileOwner, ppr, ecallIndication, fallbackAllowed)" },
        { """{"serviceProviderName":"123456789012345678901234567890123"}""", "usim.json: serviceProviderName: longer than 32 characters" },
        { """{"profileName":5}""", "usim.json: profileName: expected a string" },
        { """{"iconType":"gif","icon":"AA=="}""", "usim.json: iconType: expected one of jpg, png" },
        { """{"icon":"not base64!"}""", "usim.json: icon: expected base64" },
        { """{"icon":"AQID"}""", "usim.json: iconType: required with icon" },
        { """{"notifications":[{"events":["boot"],"address":"a"}]}""", "usim.json: notifications[0].events: expected install, enable, "
            + "disable or delete" },
        { """{"notifications":[{"events":["install"],"adress":"a"}]}""", "usim.json: notifications[0].adress: "
            + "unknown key (expected events, address)" },
        { """{"notifications":[{"events":["install"]}]}""", "usim.json: notifications[0].address: required" },
        { """{"profileOwner":{"mccMnc":"00F1"}}""", "usim.json: profileOwner.mccMnc: expected 6 hex digits" },
        { """{"profileOwner":{"gid1":"AB"}}""", "usim.json: profileOwner.mccMnc: required" },
        { """{"ppr":["ppr3"]}""", "usim.json: ppr: expected ppr1, ppr2 or updateControl" },
        { """{"ecallIndication":"yes"}""", "usim.json: ecallIndication: expected true or false" },
        { """[1]""", "usim.json: expected a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadSideFiles))]
    public void Import_BadSideFileField_OneLineNamingFileAndField(string json, string expected)
    {
        var result = ProfileImporter.Import(s_usim, json, options: s_named);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void Import_IconTooLarge_NamesIcon()
    {
        var json = $$"""{"iconType":"png","icon":"{{Convert.ToBase64String(new byte[1025])}}"}""";

        Assert.Equal("usim.json: icon: larger than 1024 bytes", ProfileImporter.Import(s_usim, json, options: s_named).Error);
    }

    [Fact]
    public void Import_InvalidJson_NamesFile()
    {
        var result = ProfileImporter.Import(s_usim, "{\"profileName\":", options: s_named);

        Assert.StartsWith("usim.json: not valid JSON: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void Import_BadOverride_NamesField()
    {
        var result = ProfileImporter.Import(s_usim, overrides: new ProfileMetadataOverrides { Nickname = new string('n', 65) });

        Assert.Equal("overrides: nickname: longer than 64 characters", result.Error);
    }

    [Fact]
    public void Import_BadPackage_NamesPackageAndPe()
    {
        var result = ProfileImporter.Import(s_usim.AsSpan(0, s_usim.Length - 3), options: s_named);

        Assert.False(result.IsSuccess);
        Assert.Equal(PeStatusCode.InvalidRequestFormat, result.PackageError!.Code);
        Assert.StartsWith("usim.der: end at ", result.Error, StringComparison.Ordinal);
        Assert.Contains("package ends inside a PE", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The committed samples in profiles/ import with their side files (SampleProfileTests regenerates them).</summary>
    [Theory]
    [InlineData("usim-classic")]
    [InlineData("iot-minimal")]
    public void CommittedSample_ImportWithSideFile_Succeeds(string name)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.Profiles, name + ".json"));

        var result = ProfileImporter.Import(File.ReadAllBytes(Path.Combine(TestPaths.Profiles, name + ".der")), json,
            options: new ProfileImportOptions { PackageName = name + ".der", MetadataName = name + ".json" });

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(ProfileClass.Test, result.Profile!.ProfileClass);
        Assert.Empty(result.Profile.IsdpAid);
        Assert.Equal(name == "iot-minimal", result.Summary!.IsIotMinimal);
        Assert.Equal(name == "iot-minimal" ? SampleProfiles.IotIccid : SampleProfiles.UsimIccid, result.Profile.Iccid.Digits);
    }
}
