using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Rsp.Tests.Saip;

/// <summary>PE-Application (SAIP v3.3.1): load packages and instances read from the package, not run.</summary>
public sealed class JavaCardApplicationsTests
{
    // PE-Application, AUTOMATIC TAGS: A0 app-Header {81 identification 20}, A1 loadBlock {4F loadPackageAID,
    // 4F securityDomainAID, C1 hashValue, C4 loadBlockObject}, A2 instanceList {30 {4F package, 4F class, 4F instance,
    // 82 privileges, 83 lifeCycleState, C9 applicationSpecificParametersC9}}.
    public const string Application =
        "A84F" + "A003810120"
        + "A11D" + "4F07A0000005590001" + "4F08A000000151000000" + "C1020102" + "C404CAFEBABE"
        + "A229" + "3027" + "4F07A0000005590001" + "4F08A000000559000101" + "4F08A000000559000102" + "820300000083010F" + "C900";

    // The same instance without lifeCycleState: the DEFAULT '07'H applies.
    public const string ApplicationDefaultState =
        "A839" + "A003810121" + "A232" + "3030" + "4F07A0000005590001" + "4F08A000000559000101"
        + "4F08A000000559000103" + "8203000000" + "C900" + "EF0AC8020100C7020100CB00";

    // loadBlock without its loadBlockObject [PRIVATE 4]: refused as bad values.
    public const string ApplicationWithoutLoadBlock = "A814" + "A003810122" + "A10D" + "4F07A0000005590001" + "C1020102";

    internal static byte[] WithElements(byte[] package, params string[] elements)
    {
        // Before the End PE (AA), which closes the package.
        var end = ProfileElementReader.ReadAll(package).Last();
        Assert.Equal(0xAA, end.Tag);
        return [.. package.AsSpan(0, (int)end.Offset), .. elements.SelectMany(Convert.FromHexString), .. end.Encoded.Span];
    }

    [Fact]
    public void Load_package_and_instance_are_read_with_their_aids()
    {
        var package = WithElements(ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim), Application, ApplicationDefaultState);

        var (packages, instances) = JavaCardApplications.Read(package);

        var load = Assert.Single(packages);
        Assert.Equal("A0000005590001", Convert.ToHexString(load.Aid));
        Assert.Equal("A000000151000000", Convert.ToHexString(load.SecurityDomainAid!));
        Assert.Equal(4, load.LoadBlockLength);
        Assert.Equal("0102", Convert.ToHexString(load.Hash!));
        Assert.Equal(2, instances.Count);
        Assert.Equal("A000000559000102", Convert.ToHexString(instances[0].InstanceAid));
        Assert.Equal("A000000559000101", Convert.ToHexString(instances[0].ClassAid));
        Assert.Equal("000000", Convert.ToHexString(instances[0].Privileges));
        Assert.Equal(0x0F, instances[0].LifeCycleState);
        Assert.Equal("A000000559000103", Convert.ToHexString(instances[1].InstanceAid));
        Assert.Equal(0x07, instances[1].LifeCycleState);
    }

    [Fact]
    public void A_package_without_applications_lists_none()
    {
        var (packages, instances) = JavaCardApplications.Read(ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim));
        Assert.Empty(packages);
        Assert.Empty(instances);
    }

    [Fact]
    public void A_load_block_without_its_object_is_refused_naming_the_element()
    {
        var package = WithElements(ProfilePackageBuilder.BuildUsim(SampleProfiles.Usim), ApplicationWithoutLoadBlock);
        var e = Assert.Throws<SaipException>(() => JavaCardApplications.Read(package));
        Assert.Equal(PeStatusCode.BadValues, e.Error.Code);
        Assert.Equal(0x22, e.Error.Identification);
    }
}
