using System.Net;
using System.Text;
using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Es9;
using EuiccEmulator.Servers.Hosting;
using EuiccEmulator.Servers.Lpa;
using EuiccEmulator.Servers.Smdp;
using EuiccEmulator.State;

namespace EuiccEmulator.Servers.Tests.Smdp;

/// <summary>The test SM-DP+ over HTTPS on loopback, driven by the project's LPA client and an in-process card.</summary>
public sealed class SmdpServiceTests : IAsyncLifetime
{
    private static readonly Lazy<CardIdentityRecord> s_identity = new(() =>
        CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));
    private static readonly Iccid s_iccid = Iccid.Parse("8900010000000000124");

    private readonly List<string> _log = [];
    private SmdpService _service = null!;
    private ServerHost _host = null!;

    public async Task InitializeAsync()
    {
        var catalog = new ProfileCatalog();
        var upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
        {
            Iccid = s_iccid,
            Imsi = "001010000000124",
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        var metadata = ProfileImporter.Import(upp).Profile!.ToMetadata() with
        {
            ProfileName = "Lab profile",
            NotificationConfigs = [new NotificationConfig(
                NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete, TestSmdpOptions.DefaultAddress)],
        };
        catalog.Add(new ServedProfile("LAB-1", upp, metadata, SmdpFaults.None, "test"));
        catalog.Add(new ServedProfile("BAD-SIG2", upp, metadata, new SmdpFaults { BadSmdpSignature2 = true }, "test"));
        _service = new SmdpService(new SmdpServiceOptions { Catalog = catalog, Log = l => { lock (_log) _log.Add(l); } });
        _host = await ServerHost.StartAsync(new ListenOptions { Certificate = TestTls.ServerCertificate([TestSmdpOptions.DefaultAddress]) },
            routes => Es9PlusJsonEndpoints.Map(routes, _service));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Download_by_activation_code_over_https_installs_and_delivers_the_install_notification()
    {
        using var euicc = NewCard();
        using var es9 = new Es9PlusHttpClient(_host.BaseUri);
        var lpa = new LpaClient(new Es10Client(euicc.Card), _ => es9);
        Assert.True(ActivationCode.TryParse($"LPA:1${TestSmdpOptions.DefaultAddress}$LAB-1", out var code));

        var result = await lpa.DownloadAsync(code);

        Assert.True(result.Success, result.Text + "\n" + string.Join("\n", result.Steps));
        Assert.Contains(euicc.Engine.Profiles, p => p.Iccid == s_iccid);
        var events = _service.Events;
        Assert.Contains(events, e =>
            e is { Function: "authenticateClient", Ok: true } && e.Text.Contains("euiccSignature1 verified", StringComparison.Ordinal));
        Assert.Contains(events, e =>
            e is { Function: "getBoundProfilePackage", Ok: true } && e.Text.Contains("euiccSignature2 verified", StringComparison.Ordinal));
        Assert.Contains(events, e =>
            e is { Function: "handleNotification", Ok: true } && e.Text.Contains($"installed {s_iccid}", StringComparison.Ordinal));
        Assert.Equal(0, _service.OpenSessions);
        Assert.Equal(0, await new LpaClient(new Es10Client(euicc.Card), _ => es9).SendNotificationsAsync());
    }

    [Fact]
    public async Task Notifications_after_enable_are_verified_other_signed_notifications()
    {
        using var euicc = NewCard();
        using var es9 = new Es9PlusHttpClient(_host.BaseUri);
        var client = new Es10Client(euicc.Card);
        Assert.True(ActivationCode.TryParse($"LPA:1${TestSmdpOptions.DefaultAddress}$LAB-1", out var code));
        Assert.True((await new LpaClient(client, _ => es9).DownloadAsync(code)).Success);
        // EnableProfile [49] { profileIdentifier [0] CHOICE { iccid [APPLICATION 26] } , refreshFlag BOOLEAN }.
        var enable = client.Send(
            TlvCodec.Constructed(0xBF31, TlvCodec.Constructed(0xA0, TlvCodec.Encode(0x5A, s_iccid.ToSwappedBcd())), [0x81, 0x01, 0x00]));
        Assert.Equal("BF3103800100", Convert.ToHexString(enable.Data));

        var sent = await new LpaClient(client, _ => es9).SendNotificationsAsync();

        Assert.Equal(1, sent);
        Assert.Contains(_service.Events, e =>
            e is { Function: "handleNotification", Ok: true } && e.Text.Contains("enable", StringComparison.Ordinal)
            && e.Text.Contains("chain and signature verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_matching_id_is_refused_with_8_2_6_and_the_session_is_cancelled()
    {
        using var euicc = NewCard();
        using var es9 = new Es9PlusHttpClient(_host.BaseUri);
        var result = await new LpaClient(new Es10Client(euicc.Card), _ => es9)
            .DownloadAsync(new ActivationCode(TestSmdpOptions.DefaultAddress, "NOPE"));
        Assert.False(result.Success);
        Assert.Contains("8.2.6/3.8", result.Text, StringComparison.Ordinal);
        Assert.Contains(result.Steps, s => s.StartsWith("cancelSession: Executed-Success", StringComparison.Ordinal));
        Assert.Empty(euicc.Engine.Profiles);
    }

    [Fact]
    public async Task Per_matching_id_fault_makes_the_card_refuse_PrepareDownload()
    {
        using var euicc = NewCard();
        using var es9 = new Es9PlusHttpClient(_host.BaseUri);
        var result = await new LpaClient(new Es10Client(euicc.Card), _ => es9)
            .DownloadAsync(new ActivationCode(TestSmdpOptions.DefaultAddress, "BAD-SIG2"));
        Assert.False(result.Success);
        // The card answers PrepareDownload with invalidSignature (2); the SM-DP+ reports it as eUICC verification failed.
        Assert.Contains("error 2", result.Text, StringComparison.Ordinal);
        Assert.Empty(euicc.Engine.Profiles);
    }

    [Fact]
    public async Task Wrong_address_unknown_transaction_and_replay_get_es9_status_codes()
    {
        using var es9 = new Es9PlusHttpClient(_host.BaseUri);
        var wrong = await es9.InitiateAuthenticationAsync(new byte[16], null, "other.example.com");
        Assert.Equal(("8.8.1", "3.8"), (wrong.Status.SubjectCode, wrong.Status.ReasonCode));
        var unknown = await es9.AuthenticateClientAsync("00112233445566778899AABBCCDDEEFF", [0xBF, 0x38, 0x00]);
        Assert.Equal(("8.10.1", "3.9"), (unknown.Status.SubjectCode, unknown.Status.ReasonCode));

        var init = await es9.InitiateAuthenticationAsync(new byte[16], null, TestSmdpOptions.DefaultAddress);
        Assert.True(init.Status.IsSuccess);
        var garbage = await es9.AuthenticateClientAsync(init.Value!.TransactionId, [0xBF, 0x38, 0x03, 0xA0, 0x01]);
        Assert.Equal("8.1", garbage.Status.SubjectCode);
        var replay = await es9.GetBoundProfilePackageAsync(init.Value.TransactionId, [0xBF, 0x21, 0x00]);
        Assert.Equal(("8.10.1", "3.9"), (replay.Status.SubjectCode, replay.Status.ReasonCode));
    }

    [Theory]
    [InlineData("{", 400)]
    [InlineData("[]", 200)]
    [InlineData("{\"transactionId\":\"XYZ\",\"authenticateServerResponse\":\"AA==\"}", 200)]
    [InlineData("{\"transactionId\":\"0011\",\"authenticateServerResponse\":\"%%%\"}", 200)]
    [InlineData("{\"transactionId\":\"0011\"}", 200)]
    public async Task Malformed_json_gets_a_failed_status_and_never_a_crash(string body, int httpStatus)
    {
        using var http = Https();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(_host.BaseUri, "/gsma/rsp2/es9plus/authenticateClient")) { Content = content };
        request.Headers.Add("X-Admin-Protocol", "gsma/rsp/v2.1.0");
        using var response = await http.SendAsync(request);
        Assert.Equal(httpStatus, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"Failed\"", text, StringComparison.Ordinal);
        Assert.Equal("gsma/rsp/v2.1.0", response.Headers.GetValues("X-Admin-Protocol").Single());
    }

    [Fact]
    public async Task Oversized_body_gets_413_and_missing_admin_protocol_gets_400()
    {
        using var http = Https();
        using var big = new ByteArrayContent(new byte[Es9PlusJsonEndpoints.MaxBodySize + 1]);
        big.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(_host.BaseUri, "/gsma/rsp2/es9plus/handleNotification")) { Content = big };
        request.Headers.Add("X-Admin-Protocol", "gsma/rsp/v2.1.0");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        using var plain = new StringContent("{}", Encoding.UTF8, "application/json");
        using var noProtocol = await http.PostAsync(new Uri(_host.BaseUri, "/gsma/rsp2/es9plus/cancelSession"), plain);
        Assert.Equal(HttpStatusCode.BadRequest, noProtocol.StatusCode);
        // Still serving.
        using var es9 = new Es9PlusHttpClient(_host.BaseUri);
        Assert.True((await es9.InitiateAuthenticationAsync(new byte[16], null, TestSmdpOptions.DefaultAddress)).Status.IsSuccess);
    }

    [Fact]
    public async Task A_client_trusting_another_ci_refuses_the_tls_certificate()
    {
        var other = PrivateCiFactory.Create(new PrivateCiOptions());
        using var http = new HttpClient(
            new HttpClientHandler { ServerCertificateCustomValidationCallback = TestTls.TrustCi(other.CiCertificate.ToArray()) });
        using var es9 = new Es9PlusHttpClient(_host.BaseUri, http);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            es9.InitiateAuthenticationAsync(new byte[16], null, TestSmdpOptions.DefaultAddress));
    }

    private static HttpClient Https() => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = TestTls.TrustCi() });

    private static VirtualEuicc NewCard()
    {
        var euicc = new VirtualEuicc(new InMemoryCardStore(), s_identity.Value);
        euicc.Card.PowerOn();
        return euicc;
    }
}
