using EuiccEmulator.Core.Saip;
using EuiccEmulator.Core.State;

namespace EuiccEmulator.Core.Tests.Saip;

public sealed class SampleProfileTests
{
    public static TheoryData<string> Samples() => new() { "usim-classic", "iot-minimal" };

    private static byte[] Generate(string name) => name switch
    {
        "usim-classic" => ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim),
        "iot-minimal" => ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Regenerates each sample; with SAIP_WRITE_SAMPLES=1 it rewrites profiles/*.der instead of comparing.</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void CommittedSample_Regenerated_IsByteIdentical(string name)
    {
        var path = Path.Combine(TestPaths.Profiles, name + ".der");
        var generated = Generate(name);
        if (Environment.GetEnvironmentVariable("SAIP_WRITE_SAMPLES") == "1") File.WriteAllBytes(path, generated);

        Assert.Equal(Convert.ToHexString(generated), Convert.ToHexString(File.ReadAllBytes(path)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
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
