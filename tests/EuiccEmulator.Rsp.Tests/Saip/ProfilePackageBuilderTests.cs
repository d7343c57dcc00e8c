using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Tests.Saip;

public sealed class ProfilePackageBuilderTests
{
    [Fact]
    public void BuildUsim_SampleParameters_ValidatesAsClassicProfile()
    {
        var upp = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim);

        var result = ProfilePackage.Validate(upp);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(SampleProfiles.UsimIccid, result.Summary!.Iccid.Digits);
        Assert.False(result.Summary.IsIotMinimal);
        Assert.Equal(["header", "mf", "pukCodes", "pinCodes", "usim", "pinCodes", "akaParameter", "securityDomain", "end"],
            result.Summary.Elements.Select(e => e.Name));
        Assert.Equal([SaipService.Usim, SaipService.Milenage], result.Summary.MandatoryServices);
    }

    [Fact]
    public void BuildIotMinimal_SampleParameters_ValidatesAsIotProfile()
    {
        var upp = ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot);

        var result = ProfilePackage.Validate(upp);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.True(result.Summary!.IsIotMinimal);
        Assert.Equal(3, result.Summary.MajorVersion);
        Assert.Equal(SampleProfiles.IotIccid, result.Summary.Iccid.Digits);
        Assert.Equal(["header", "iot", "akaParameter", "end"], result.Summary.Elements.Select(e => e.Name));
    }

    [Fact]
    public void BuildIotMinimal_WithoutIotCapability_FailsFeatureNotSupported()
    {
        var upp = ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot);
        var options = new SaipOptions { Capabilities = SaipCapabilities.Default with { IotMinimal = false } };

        var result = ProfilePackage.Validate(upp, options);

        Assert.Equal(PeStatusCode.FeatureNotSupported, result.Error!.Code);
        Assert.Equal((int)ProfileElementType.Header, result.Error.Tag);
    }

    [Fact]
    public void BuildUsim_SameParameters_IsDeterministic()
    {
        Assert.Equal(ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim), ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim));
        Assert.Equal(ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot), ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot));
    }

    [Theory]
    [InlineData(1024, false)]
    [InlineData(1500, true)]
    [InlineData(4096, true)]
    [InlineData(65536, true)]
    [InlineData(65536, false)]
    [InlineData(131072, true)]
    public void BuildUsim_TargetSize_HasExactSizeAndValidates(int size, bool securityDomain)
    {
        var upp = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { IncludeSecurityDomain = securityDomain, TargetSize = size });

        var result = ProfilePackage.Validate(upp);

        Assert.Equal(size, upp.Length);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Contains(result.Summary!.Elements, e => e.Name == "genericFileManagement");
    }

    [Fact]
    public void BuildUsim_EveryTargetSizeNearLengthThresholds_IsExact()
    {
        var sizes = Enumerable.Range(1000, 401).Concat(Enumerable.Range(65400, 200)).ToArray();

        var built = sizes.Select(s =>
            ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { IncludeSecurityDomain = false, TargetSize = s }).Length);

        Assert.Equal(sizes, built);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(65536)]
    public void BuildIotMinimal_TargetSize_HasExactSizeAndValidates(int size)
    {
        var upp = ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot with { TargetSize = size });

        Assert.Equal(size, upp.Length);
        Assert.True(ProfilePackage.Validate(upp).IsSuccess);
    }

    [Fact]
    public void BuildUsim_TargetSizeBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { TargetSize = 100 }));
    }

    [Theory]
    [InlineData("001010123456789", "080910101032547698")]
    [InlineData("00101000000001", "0801101000000000F1")]
    public void EncodeImsi_Digits_EfImsiCoding(string imsi, string expected)
    {
        Assert.Equal(expected, Convert.ToHexString(ProfilePackageBuilder.EncodeImsi(imsi)));
    }

    [Fact]
    public void BuildUsim_BadKeyLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { K = new byte[15] }));
    }

    [Fact]
    public void BuildUsim_OtherIccid_EfIccidFollowsHeader()
    {
        var iccid = Iccid.Parse("8900010000000000027");
        var upp = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { Iccid = iccid });

        var result = ProfilePackage.Validate(upp);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(iccid, result.Summary!.Iccid);
    }

    [Fact]
    public void SampleIccids_LuhnCheckDigit_IsValid()
    {
        Assert.True(SampleProfiles.LuhnValid(SampleProfiles.UsimIccid));
        Assert.True(SampleProfiles.LuhnValid(SampleProfiles.IotIccid));
        Assert.False(SampleProfiles.LuhnValid("89000100000000000103"));
    }

    /// <summary>Writes the generated packages where the DER oracle check can pick them up (SAIP_ORACLE_OUT).</summary>
    [Fact]
    public void BuildAll_OracleOutputFolder_WritesPackagesWhenRequested()
    {
        var outDir = Environment.GetEnvironmentVariable("SAIP_ORACLE_OUT");
        var packages = new Dictionary<string, byte[]>
        {
            ["usim-classic.der"] = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim),
            ["usim-nosd.der"] = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { IncludeSecurityDomain = false }),
            ["iot-minimal.der"] = ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot),
            ["iot-pins.der"] =
                ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot with { Pin1 = "1234", Puk1 = "12345678", Adm1 = "88888888" }),
            ["usim-1k.der"] =
                ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { IncludeSecurityDomain = false, TargetSize = 1024 }),
            ["usim-64k.der"] = ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim with { TargetSize = 65536 }),
            ["iot-1k.der"] = ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot with { TargetSize = 1024 }),
            ["iot-64k.der"] = ProfilePackageBuilder.BuildIotMinimal(SampleProfiles.Iot with { TargetSize = 65536 }),
        };
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            foreach (var (name, bytes) in packages) File.WriteAllBytes(Path.Combine(outDir, name), bytes);
        }
        Assert.All(packages.Values, p => Assert.True(ProfilePackage.Validate(p).IsSuccess));
    }
}
