using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Eim;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Ipa;
using EuiccEmulator.Servers.Lpa;
using EuiccEmulator.Servers.Smdp;
using EuiccEmulator.State;

namespace EuiccEmulator.Servers.Tests.Eim;

/// <summary>The indirect profile download: the IPA's ES9+ calls go as ESipa messages to the eIM, which relays them to the SM-DP+.</summary>
public sealed class EsipaRelayTests : IAsyncLifetime
{
    private static readonly Iccid s_iccid = Iccid.Parse("8900010000000000124");

    private readonly string _storePath = Path.Combine(Path.GetTempPath(), $"eim-relay-{Guid.NewGuid():N}.db");
    private SmdpService _smdp = null!;
    private EimService _eim = null!;
    private ServerHost _host = null!;

    public async Task InitializeAsync()
    {
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = s_iccid,
            Imsi = "001010000000124",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        var catalog = new ProfileCatalog();
        catalog.Add(new ServedProfile("LAB-1", upp, ProfileImporter.Import(upp).Profile!.ToMetadata(), SmdpFaults.None, "test"));
        _smdp = new SmdpService(new SmdpServiceOptions { Catalog = catalog });
        _eim = new EimService(new EimServiceOptions { StorePath = _storePath, SmdpFor = _ => _smdp });
        _host = await ServerHost.StartAsync(new ListenOptions { Certificate = TestTls.ServerCertificate([_eim.EimId]) }, routes =>
            EsipaAsn1Endpoints.Map(routes, _eim));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _eim.Dispose();
        File.Delete(_storePath);
    }

    [Fact]
    public async Task A_download_through_the_eim_installs_and_the_install_result_reaches_the_smdp()
    {
        using var euicc = new VirtualEuicc(new InMemoryCardStore(),
            CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));
        euicc.Card.PowerOn();
        using var esipa = new EsipaHttpClient(_host.BaseUri);

        var result = await new LpaClient(new Es10Client(euicc.Card), _ => new EsipaEs9Relay(esipa))
            .DownloadAsync(new ActivationCode(TestSmdpOptions.DefaultAddress, "LAB-1"));

        Assert.True(result.Success, result.Text + "\n" + string.Join("\n", result.Steps));
        Assert.Contains(euicc.Engine.Profiles, p => p.Iccid == s_iccid);
        foreach (var function in new[] { "initiateAuthentication", "authenticateClient", "getBoundProfilePackage" })
            Assert.Contains(_eim.Events, e => e.Function == function && e.Ok && e.Text.Contains("relayed", StringComparison.Ordinal));
        Assert.Contains(_smdp.Events, e =>
            e is { Function: "getBoundProfilePackage", Ok: true } && e.Text.Contains("euiccSignature2 verified", StringComparison.Ordinal));
        Assert.Contains(_smdp.Events, e =>
            e is { Function: "handleNotification", Ok: true } && e.Text.Contains($"installed {s_iccid}", StringComparison.Ordinal));
        Assert.Contains(_eim.Events, e =>
            e is { Function: "handleNotification", Ok: true } && e.Text.Contains("passed to the SM-DP+", StringComparison.Ordinal));
        Assert.Equal(0, _smdp.OpenSessions);
    }

    [Theory]
    [InlineData("BF3912811000112233445566778899AABBCCDDEEFF", "BF3903810101")] // no smdpAddress: invalidDpAddress 1
    [InlineData("BF3B0A8002ABCDBF3803800101", "BF3B0382010A")] // unknown transaction: invalidTransactionId 10
    [InlineData("BF3A0A8002ABCDBF2103800101", "BF3A0381015F")] // unknown transaction: invalidTransactionId 95
    [InlineData("BF410D8002ABCDA107BF4104810201FF", "BF4103810101")] // unknown transaction: invalidTransactionId 1
    public async Task Relay_errors_are_the_esipa_codes(string request, string expected)
    {
        using var esipa = new EsipaHttpClient(_host.BaseUri);
        Assert.Equal(expected, Convert.ToHexString(await esipa.SendAsync(Convert.FromHexString(request))));
    }

    [Fact]
    public async Task An_unreachable_smdp_is_undefinedError_not_a_server_error()
    {
        var store = Path.Combine(Path.GetTempPath(), $"eim-relay-{Guid.NewGuid():N}.db");
        using var nowhere = new EuiccEmulator.Servers.Es9.Es9PlusHttpClient(new Uri("https://127.0.0.1:9/"));
        using var eim = new EimService(new EimServiceOptions { StorePath = store, SmdpFor = _ => nowhere });
        try
        {
            var answer = await eim.HandleAsync(
                Convert.FromHexString("BF3920811000112233445566778899AABBCCDDEEFF830C736D64702E6578616D706C65"));
            Assert.Equal("BF390381017F", Convert.ToHexString(answer!));
            Assert.Contains(eim.Events, e =>
                e is { Function: "initiateAuthentication", Ok: false } && e.Text.Contains("unreachable", StringComparison.Ordinal));
        }
        finally
        {
            eim.Dispose();
            File.Delete(store);
        }
    }
}
