using EuiccEmulator.Rsp.Saip;
using static EuiccEmulator.Rsp.Tests.Saip.Vectors;

namespace EuiccEmulator.Rsp.Tests.Saip;

public sealed class ProfilePackageValidatorTests
{
    [Fact]
    public void Validate_MinimalClassicPackage_Succeeds()
    {
        var result = ProfilePackage.Validate(Bytes(Header, MfWithIccid, End2));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("89000100000000000102", result.Summary!.Iccid.Digits);
        Assert.Equal([null, 1, 2], result.Summary.Elements.Select(e => e.Identification));
    }

    // description, package hex, expected status, expected identification, expected tag
    public static TheoryData<string, string, PeStatusCode, int?, int?> InvalidPackages() => new()
    {
        { "truncated PE", Header + "B00FA0058000810101810667", PeStatusCode.InvalidRequestFormat, 1, 0xB0 },
        { "truncated inside length", Header + Mf + "AA", PeStatusCode.InvalidRequestFormat, null, 0xAA },
        { "missing header", Mf + End2, PeStatusCode.InvalidRequestFormat, 1, 0xB0 },
        { "header not first", End2 + Header + Mf, PeStatusCode.InvalidRequestFormat, 2, 0xAA },
        { "empty package", "", PeStatusCode.InvalidRequestFormat, null, null },
        { "unsupported major version", "A018800104810103830A89000100000000000102A5028100A600" + Mf + End2,
            PeStatusCode.UnsupportedProfileVersion, null, 0xA0 },
        { "unsupported minor version", "A018800102810109830A89000100000000000102A5028100A600" + Mf + End2,
            PeStatusCode.UnsupportedProfileVersion, null, 0xA0 },
        { "end missing", Header + Mf, PeStatusCode.InvalidRequestFormat, null, null },
        { "data after end", Header + Mf + End2 + "AA07A0058000810103", PeStatusCode.InvalidRequestFormat, null, null },
        { "garbage after end", Header + Mf + End2 + "00", PeStatusCode.InvalidRequestFormat, null, null },
        { "duplicate identification", Header + Mf + "AA07A0058000810101", PeStatusCode.BadValues, 1, 0xAA },
        { "unknown mandated PE", Header + Mf + "BF3007A0058000810105" + End2, PeStatusCode.PeNotSupported, 5, 0xBF30 },
        { "unknown template OID", Header + "B00FA0058000810101810667810F010263" + End2, PeStatusCode.TemplateNotSupported, 1, 0xB0 },
        { "unknown GFSTE OID", "A020800102810103830A89000100000000000102A5028100A6080606678" + "10F010263" + Mf + End2,
            PeStatusCode.TemplateNotSupported, null, 0xA0 },
        { "unsupported service", "A018800102810103830A89000100000000000102A5028600A600" + Mf + End2,
            PeStatusCode.FeatureNotSupported, null, 0xA0 },
        { "unknown service", "A019800102810103830A89000100000000000102A5039F3F00A600" + Mf + End2,
            PeStatusCode.FeatureNotSupported, null, 0xA0 },
        { "EF.ICCID mismatch", Header + "B01DA0058000810101810667810F010201A40C830A98001000000000001030" + End2,
            PeStatusCode.BadValues, 1, 0xB0 },
        { "header ICCID not BCD", "A018800102810103830A8900010000000000010AA5028100A600" + Mf + End2, PeStatusCode.BadValues, null, 0xA0 },
        { "garbage bytes", "0102030405", PeStatusCode.InvalidRequestFormat, null, null },
        { "indefinite length", "A080800102810103830A890001000000000001020000", PeStatusCode.InvalidRequestFormat, null, 0xA0 },
        { "non-minimal length", "A08118800102810103830A89000100000000000102A5028100A600", PeStatusCode.InvalidRequestFormat, null, 0xA0 },
        { "inner TLV overruns PE", Header + "B00FA0088000810101810667810F010201" + End2, PeStatusCode.InvalidRequestFormat, null, 0xB0 },
        { "second header", Header + Header, PeStatusCode.InvalidRequestFormat, null, 0xA0 },
        { "second PE not mf", Header + End2, PeStatusCode.InvalidRequestFormat, 2, 0xAA },
        { "second mf", Header + Mf + "B00FA0058000810102810667810F010201" + "AA07A0058000810103",
            PeStatusCode.InvalidRequestFormat, 2, 0xB0 },
        { "opt-usim before usim", Header + Mf + "B40FA0058000810102810667810F010205" + "AA07A0058000810103",
            PeStatusCode.InvalidRequestFormat, 2, 0xB4 },
        { "PE without PEHeader", Header + Mf + "A2038101 02" .Replace(" ", "", StringComparison.Ordinal) + End2,
            PeStatusCode.InvalidRequestFormat, null, 0xA2 },
        { "identification beyond UInt15", Header + Mf + "AA09A00780008103010000", PeStatusCode.BadValues, 65536, 0xAA },
    };

    [Theory]
    [MemberData(nameof(InvalidPackages))]
    public void Validate_InvalidPackage_ReportsStatusAndElement(
        string description, string hex, PeStatusCode code, int? identification, int? tag)
    {
        var result = ProfilePackage.Validate(Convert.FromHexString(hex));

        Assert.False(result.IsSuccess, description);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(identification, result.Error.Identification);
        Assert.Equal(tag, result.Error.Tag);
        Assert.Null(result.Summary);
    }

    [Theory]
    [MemberData(nameof(InvalidPackages))]
    public void Session_InvalidPackageFedByteByByte_ReportsSameError(
        string description, string hex, PeStatusCode code, int? identification, int? tag)
    {
        var session = new ProfilePackageSession();
        foreach (var b in Convert.FromHexString(hex)) session.Push([b]);

        var result = session.Complete();

        Assert.False(result.IsSuccess, description);
        Assert.Equal((code, identification, tag), (result.Error!.Code, result.Error.Identification, result.Error.Tag));
    }

    [Fact]
    public void Validate_UnknownPeNotMandated_IsSkipped()
    {
        var result = ProfilePackage.Validate(Bytes(Header, Mf, "BF3005A003810105", End2));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Contains(result.Summary!.Elements, e => e.Tag == 0xBF30 && e.Identification == 5 && !e.Mandated);
    }

    [Fact]
    public void Validate_MandatedPeTheCardLacks_FailsPeNotSupported()
    {
        var caps = SaipCapabilities.Default with
        {
            Elements = SaipCapabilities.Default.Elements.Where(t => t != (int)ProfileElementType.PinCodes).ToHashSet(),
        };
        var package = Bytes(Header, Mf, "A210A0058000810103A107A0053003 8001 01".Replace(" ", "", StringComparison.Ordinal), End2);

        var result = ProfilePackage.Validate(package, new SaipOptions { Capabilities = caps });

        Assert.Equal(PeStatusCode.PeNotSupported, result.Error!.Code);
        Assert.Equal(3, result.Error.Identification);
        Assert.Equal(0xA2, result.Error.Tag);
    }

    [Fact]
    public void Validate_MandatoryAidMissing_FailsLibNotSupported()
    {
        // Header with eUICC-Mandatory-AIDs [8] { { aid A000000151000000, version 0100 } }.
        const string header = "A02A800102810103830A89000100000000000102A5028100A600A8103 00E8008A000000151000000 81020100";
        var package = Bytes(header.Replace(" ", "", StringComparison.Ordinal), Mf, End2);

        var missing = ProfilePackage.Validate(package);
        var present = ProfilePackage.Validate(package, new SaipOptions
        {
            Capabilities = SaipCapabilities.Default with { Aids = new HashSet<string> { "A000000151000000" } },
        });

        Assert.Equal(PeStatusCode.LibNotSupported, missing.Error!.Code);
        Assert.True(present.IsSuccess, present.Error?.ToString());
    }

    [Fact]
    public void Validate_PackageBeyondTotalLimit_FailsNotEnoughMemory()
    {
        var options = new SaipOptions { Limits = new SaipLimits { MaxPackageSize = 40 } };

        var result = ProfilePackage.Validate(Bytes(Header, MfWithIccid, End2), options);

        Assert.Equal(PeStatusCode.NotEnoughMemory, result.Error!.Code);
    }

    [Fact]
    public void Validate_PeBeyondElementLimit_FailsNotEnoughMemoryBeforeBuffering()
    {
        var options = new SaipOptions { Limits = new SaipLimits { MaxElementSize = 1024 } };
        var session = new ProfilePackageSession(options);

        var error = session.Push(Convert.FromHexString("A08301000000"));

        Assert.Equal(PeStatusCode.NotEnoughMemory, error!.Code);
        Assert.Equal(0xA0, error.Tag);
    }

    [Fact]
    public void Session_AfterError_KeepsFirstError()
    {
        var session = new ProfilePackageSession();
        var first = session.Push(Convert.FromHexString("00"));

        var second = session.Push(Bytes(Header));

        Assert.Same(first, second);
        Assert.Same(first, session.Complete().Error);
    }

    [Fact]
    public void Session_ValidPackage_ReportsEndReceived()
    {
        var session = new ProfilePackageSession();

        Assert.Null(session.Push(Bytes(Header, MfWithIccid)));
        Assert.False(session.EndReceived);
        Assert.Null(session.Push(Bytes(End2)));
        Assert.True(session.EndReceived);
        Assert.Equal(3, session.Elements.Count);
    }

    [Fact]
    public void SaipError_ToString_NamesElementAndCode()
    {
        var result = ProfilePackage.Validate(Bytes(Header, Mf, "AA07A0058000810101"));

        Assert.Equal("end id 1 at 43: bad-values (3): identification 1 already used", result.Error!.ToString());
    }
}
