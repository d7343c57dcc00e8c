using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Rsp.Tests.Trace;

/// <summary>The trace decoder knows exactly the functions of the ES10 catalogue, under the catalogue's names.</summary>
public class Es10SchemaCatalogueTests
{
    [Theory]
    [InlineData(Sgp32Version.V1_0)]
    [InlineData(Sgp32Version.V1_2)]
    public void Schema_decodes_every_catalogue_function_by_its_name(Sgp32Version version)
    {
        var release = version == Sgp32Version.V1_0 ? Sgp32Releases.V1_0 : Sgp32Releases.V1_2;
        var schema = Es10Schema.For(version);
        Assert.Equal(Es10Catalogue.In(release).Select(f => f.Tag).Order(), schema.FunctionTags.Order());
        Assert.All(Es10Catalogue.In(release), f => Assert.Equal(Es10Catalogue.Label(f, release), schema.Function(f.Tag)!.Value.Name));
    }

    [Theory]
    [InlineData("80E2910006BF3E035C015A", Sgp32Version.V1_2, "STORE DATA GetEID")]
    [InlineData("80E2910007BF6404820201E0", Sgp32Version.V1_2, "STORE DATA eUICCMemoryReset (IoT)")]
    [InlineData("80E2910003BF5A00", Sgp32Version.V1_0, "STORE DATA EnableUsingDD")]
    [InlineData("80E2910003BF5900", Sgp32Version.V1_0, "STORE DATA ConfigureAutoProfileEnabling")]
    [InlineData("80E2910003BF6400", Sgp32Version.V1_0, "STORE DATA tag BF64")]
    public void Instruction_names_come_from_the_catalogue(string apdu, Sgp32Version version, string expected) =>
        Assert.Equal(expected, InstructionNames.Describe(Convert.FromHexString(apdu), version));
}
