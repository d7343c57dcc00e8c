using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Rsp.Tests.Saip;

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
}
