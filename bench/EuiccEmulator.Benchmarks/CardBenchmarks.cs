using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Benchmarks;

/// <summary>Full SGP.22 downloads (LPA + test SM-DP+ + card in one process), on both stores.</summary>
// 8 downloads per iteration, their profiles deleted after it (8 profiles and 8 notifications stay within the card's
// bounds): measured back to back like their floor, not one per iteration between BenchmarkDotNet's forced collection
// and the building of the next package, which leave the card's caches cold for every measured download.
[InvocationCount(DownloadsPerIteration)]
public class DownloadBenchmarks
{
    private const int DownloadsPerIteration = 8;
    private BenchCard _card = null!;
    private TestSmdp _smdp = null!;
    private DownloadDriver _driver = null!;
    private int _size;
    private string _name = "";
    private readonly Queue<DownloadRequest> _requests = new();
    private readonly List<Iccid> _installed = [];

    [Params(StoreKind.Memory, StoreKind.LiteDb)]
    public StoreKind Store { get; set; }

    private void Setup(EcCurve curve, int size, string name)
    {
        _card = new BenchCard(Store, curve);
        _smdp = _card.NewSmdp(curve);
        _driver = new DownloadDriver(new Es10Client(_card.Card), _smdp);
        _size = size;
        _name = $"{name}_{Store}";
        Warmup.Run(() =>
        {
            _requests.Enqueue(Profiles.Request(_size));
            Run();
            RemoveProfile();
        });
    }

    [GlobalSetup(Target = nameof(Download_P256_1K))]
    public void SetupP256Small() => Setup(EcCurve.NistP256, 1024, nameof(Download_P256_1K));

    [GlobalSetup(Target = nameof(Download_P256_64K))]
    public void SetupP256Large() => Setup(EcCurve.NistP256, 64 * 1024, nameof(Download_P256_64K));

    [GlobalSetup(Target = nameof(Download_Brainpool_1K))]
    public void SetupBrainpool() => Setup(EcCurve.BrainpoolP256r1, 1024, nameof(Download_Brainpool_1K));

    // The profiles to download are built before, and the installed ones deleted after, each iteration's downloads:
    // the card would otherwise fill up (MaxProfiles, MaxPendingNotifications) and refuse.
    [IterationSetup(Targets = [nameof(Download_P256_1K), nameof(Download_P256_64K), nameof(Download_Brainpool_1K)])]
    public void NextProfile()
    {
        for (var i = 0; i < DownloadsPerIteration; i++) _requests.Enqueue(Profiles.Request(_size));
    }

    [IterationCleanup(Targets = [nameof(Download_P256_1K), nameof(Download_P256_64K), nameof(Download_Brainpool_1K)])]
    public void RemoveProfile()
    {
        foreach (var iccid in _installed) _card.DeleteProfile(iccid);
        _installed.Clear();
        _card.RemoveNotifications();
        _requests.Clear();
    }

    [Benchmark]
    public void Download_P256_1K() => Run();

    [Benchmark]
    public void Download_P256_64K() => Run();

    [Benchmark]
    public void Download_Brainpool_1K() => Run();

    private void Run()
    {
        if (!_requests.TryDequeue(out var request))
            throw new InvalidOperationException("no profile prepared (IterationSetup did not run)");
        CardClock.Begin();
        var result = _driver.Run(request);
        CardClock.End();
        if (!result.Success) throw new InvalidOperationException("download failed: " + result.Problem);
        _installed.Add(request.Metadata.Iccid);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CardClock.Flush(_name);
        _card.Dispose();
    }
}

/// <summary>GetEUICCChallenge + AuthenticateServer, the first half of a download.</summary>
public class AuthenticateServerBenchmarks
{
    private BenchCard _card = null!;
    private TestSmdp _smdp = null!;
    private Es10Client _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _card = new BenchCard(StoreKind.Memory);
        _smdp = new TestSmdp();
        _client = new Es10Client(_card.Card);
        _client.Open();
        Warmup.Run(AuthenticateServer_P256);
    }

    [Benchmark]
    public void AuthenticateServer_P256()
    {
        CardClock.Begin();
        var challenge = _client.Send([0xBF, 0x2E, 0x00]).Data[5..];
        var response = _client.Send(_smdp.BuildAuthenticateServerRequest(challenge));
        CardClock.End();
        if (!_smdp.VerifyAuthenticateServerResponse(response.Data).IsOk) throw new InvalidOperationException("AuthenticateServer failed");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CardClock.Flush(nameof(AuthenticateServer_P256));
        _card.Dispose();
    }
}

/// <summary>SGP.32 eUICC packages from the test eIM: a PSMO (enable, switching between two profiles) and an eCO (listEim).</summary>
// 16 packages per iteration, acknowledged after it (16 results and 32 notifications stay within the card's bounds):
// measured back to back like their floor, not one per iteration between BenchmarkDotNet's own work.
[InvocationCount(16)]
public class PackageBenchmarks
{
    private const string A = "89000123456789012341";
    private const string B = "89000123456789012358";
    private BenchCard _card = null!;
    private Es10Client _client = null!;
    private TestEim _eim = null!;
    private bool _toB = true;
    private string _name = "";

    [Params(StoreKind.Memory, StoreKind.LiteDb)]
    public StoreKind Store { get; set; }

    private void Setup(string name)
    {
        _name = $"{name}_{Store}";
        _card = new BenchCard(Store);
        _client = new Es10Client(_card.Card);
        _client.Open();
        _eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(_card.Identity.Eid), AssociationToken = null });
        var added = _eim.AcceptAddInitialEimResponse(Send(TestEim.BuildAddInitialEimRequest(
            _eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })));
        if (!added.IsOk) throw new InvalidOperationException("AddInitialEim failed");
        _eim.TrustEuiccCertificate(_card.Identity.SigningChains[0].EuiccCertificate);
        _card.AddProfile(A);
        _card.AddProfile(B);
        Package(Psmo.Enable(Iccid.Parse(A)));
        _card.RemoveNotifications();
        CardClock.Discard();
    }

    [GlobalSetup(Target = nameof(Package_Psmo_Enable))]
    public void SetupPsmo()
    {
        Setup(nameof(Package_Psmo_Enable));
        Warmup.Run(() =>
        {
            Package_Psmo_Enable();
            AcknowledgeResults();
        });
    }

    [GlobalSetup(Target = nameof(Package_Eco_ListEim))]
    public void SetupEco()
    {
        Setup(nameof(Package_Eco_ListEim));
        Warmup.Run(() =>
        {
            Package_Eco_ListEim();
            AcknowledgeResults();
        });
    }

    private byte[] Send(byte[] request)
    {
        var response = _client.Send(request);
        if (!response.IsSuccess) throw new InvalidOperationException($"SW {response.StatusWord:X4}");
        if (response.StatusWord >> 8 == 0x91)
        {
            // A profile switch leaves a REFRESH to fetch: the terminal's part.
            _card.Card.Transmit(Convert.FromHexString($"80120000{response.StatusWord & 0xFF:X2}"));
            _card.Card.Transmit(Convert.FromHexString("801400000C810301010402028281830100"));
        }
        return response.Data;
    }

    private void Package(Psmo psmo)
    {
        var request = _eim.BuildEuiccPackage([psmo]);
        CardClock.Begin();
        var response = Send(request.Encoded);
        CardClock.End();
        if (!_eim.VerifyEuiccPackageResult(response, request).AllOk) throw new InvalidOperationException("package failed");
    }

    // Every package leaves a signed result on the card until the eIM acknowledges it (MaxPendingPackageResults);
    // acknowledging outside the measured call keeps the card able to take the next one.
    [IterationCleanup(Targets = [nameof(Package_Psmo_Enable), nameof(Package_Eco_ListEim)])]
    public void AcknowledgeResults() => _card.RemoveNotifications();

    [Benchmark]
    public void Package_Psmo_Enable()
    {
        Package(Psmo.Enable(Iccid.Parse(_toB ? B : A)));
        _toB = !_toB;
    }

    [Benchmark]
    public void Package_Eco_ListEim()
    {
        var request = _eim.BuildEuiccPackage([Eco.ListEim()]);
        CardClock.Begin();
        var response = Send(request.Encoded);
        CardClock.End();
        if (!_eim.VerifyEuiccPackageResult(response, request).AllOk) throw new InvalidOperationException("package failed");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CardClock.Flush(_name);
        _eim.Dispose();
        _card.Dispose();
    }
}

/// <summary>Reads: GetProfilesInfo over 10 profiles and GetEID, in process; GetEID through vpcd on loopback.</summary>
public class ReadBenchmarks
{
    private static readonly byte[] s_getEid = [0x80, 0xE2, 0x91, 0x00, 0x06, 0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A, 0x00];
    private BenchCard _card = null!;
    private Es10Client _client = null!;
    private Socket? _vpcd;
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _clientRun;
    private readonly byte[] _frame = new byte[2 + 258];
    private string _name = "";

    [Params(StoreKind.LiteDb)]
    public StoreKind Store { get; set; }

    [GlobalSetup(Targets = [nameof(GetProfilesInfo_10), nameof(GetEid_InProcess)])]
    public void Setup()
    {
        _card = new BenchCard(Store);
        for (var i = 0; i < 10; i++) _card.AddProfile($"8900012345678901{i:D3}0");
        _client = new Es10Client(_card.Card);
        _client.Open();
        Select(a => _card.Card.Transmit(a));
    }

    private static void Select(Func<byte[], byte[]> transmit)
    {
        var sw = transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100"));
        if (sw is not [0x90, 0x00]) throw new InvalidOperationException("SELECT ISD-R failed");
    }

    [GlobalSetup(Target = nameof(GetEid_Vpcd))]
    public void SetupVpcd()
    {
        _card = new BenchCard(Store);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _stop = new CancellationTokenSource();
        _clientRun = new VpcdClient(_card.Euicc.Card, new VpcdClientOptions { Host = "127.0.0.1", Port = port }).RunAsync(_stop.Token);
        _vpcd = _listener.AcceptSocket();
        _vpcd.NoDelay = true;
        _vpcd.Send([0x00, 0x01, 0x01]); // power on
        Select(VpcdTransmit);
    }

    private byte[] VpcdTransmit(byte[] apdu)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_frame, (ushort)apdu.Length);
        apdu.CopyTo(_frame, 2);
        _vpcd!.Send(_frame.AsSpan(0, 2 + apdu.Length));
        ReceiveExactly(_frame.AsSpan(0, 2));
        var length = BinaryPrimitives.ReadUInt16BigEndian(_frame);
        var response = new byte[length];
        ReceiveExactly(response);
        return response;
    }

    private void ReceiveExactly(Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = _vpcd!.Receive(buffer);
            if (n == 0) throw new InvalidOperationException("vpcd client closed");
            buffer = buffer[n..];
        }
    }

    [Benchmark]
    public byte[] GetProfilesInfo_10()
    {
        _name = nameof(GetProfilesInfo_10);
        CardClock.Begin();
        var response = _client.Send([0xBF, 0x2D, 0x00]);
        CardClock.End();
        return response.Data;
    }

    [Benchmark]
    public byte[] GetEid_InProcess()
    {
        _name = nameof(GetEid_InProcess);
        CardClock.Begin();
        var response = _card.Card.Transmit(s_getEid);
        CardClock.End();
        return response;
    }

    [Benchmark]
    public byte[] GetEid_Vpcd()
    {
        _name = "";
        var response = VpcdTransmit(s_getEid);
        if (response.Length != 2 + 5 + 16 + 2 - 2 + 2 && response[^2] != 0x90) throw new InvalidOperationException("GetEID failed");
        return response;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_name.Length > 0) CardClock.Flush(_name);
        _stop?.Cancel();
        _vpcd?.Dispose();
        _clientRun?.Wait(TimeSpan.FromSeconds(5));
        _listener?.Stop();
        var reads = _card.Store.Loads + _card.Store.PackageLoads;
        _card.Dispose();
        if (_name.Length > 0 && reads != 1) throw new InvalidOperationException($"reads touched the store ({reads} loads)");
    }
}

/// <summary>
/// One durable commit of the smallest state change (a notification removed, as RemoveNotificationFromList does)
/// against its floor: appending the same number of bytes to a file on the same file system and fsyncing it.
/// </summary>
public class StoreBenchmarks
{
    private BenchCard _card = null!;
    private long _seq;
    private FileStream _raw = null!;
    private byte[] _bytes = [];

    /// <summary>Bytes LiteDB appended to its log for one such commit (measured in the set-up).</summary>
    public static string LogBytesFile =>
        Path.Combine(Environment.GetEnvironmentVariable("EUICC_BENCH_OUT") ?? Path.GetTempPath(), "commit-bytes.txt");

    [GlobalSetup]
    public void Setup()
    {
        _card = new BenchCard(StoreKind.LiteDb);
        var log = new FileInfo(Path.Combine(_card.Directory!, "card-log.db"));
        AddNotification();
        log.Refresh();
        var before = log.Exists ? log.Length : 0;
        _card.Euicc.Engine.RemoveNotification(_seq);
        log.Refresh();
        var grown = (log.Exists ? log.Length : 0) - before;
        _bytes = new byte[Math.Max(grown, 4096)];
        Directory.CreateDirectory(Path.GetDirectoryName(LogBytesFile)!);
        File.WriteAllText(LogBytesFile, _bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _raw = new FileStream(Path.Combine(_card.Directory!, "raw.bin"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1);
        CardClock.Discard();
    }

    private void AddNotification()
    {
        _card.Euicc.Engine.AddPackageResult(_ => new byte[64]);
        _seq = _card.Euicc.Engine.Notifications.Max(n => n.SeqNumber);
    }

    [IterationSetup(Target = nameof(DurableCommit_RemoveNotification))]
    public void Prepare() => AddNotification();

    [Benchmark]
    public void DurableCommit_RemoveNotification()
    {
        CardClock.Begin();
        var result = _card.Euicc.Engine.RemoveNotification(_seq);
        CardClock.End();
        if (result != NotificationSentResult.Ok) throw new InvalidOperationException("remove failed: " + result);
    }

    [Benchmark]
    public void Floor_RawAppendFsync()
    {
        _raw.Write(_bytes);
        _raw.Flush(flushToDisk: true);
    }

    [IterationCleanup(Target = nameof(Floor_RawAppendFsync))]
    public void Truncate()
    {
        _raw.SetLength(0);
        _raw.Flush(flushToDisk: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CardClock.Flush(nameof(DurableCommit_RemoveNotification));
        _raw.Dispose();
        _card.Dispose();
    }
}
