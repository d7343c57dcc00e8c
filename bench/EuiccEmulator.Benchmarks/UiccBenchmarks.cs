using BenchmarkDotNet.Attributes;
using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Benchmarks;

/// <summary>
/// The UICC plane as a terminal reads it: SELECT EF.ICCID (no response data) and READ BINARY of its 10 bytes, on the
/// enabled TS.48 v7 profile, in process with the in-memory store (ETSI TS 102 221 §11.1.1, §11.1.3). Target: under 5 µs
/// for the pair; nothing is committed.
/// </summary>
public class UiccBenchmarks
{
    /// <summary>The TS.48 v7 package the build copies beside the benchmark (tests/data/ts48).</summary>
    private const string Package = "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der";

    private static readonly byte[] s_selectIccid = [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x2F, 0xE2];
    private static readonly byte[] s_readBinary = [0x00, 0xB0, 0x00, 0x00, 0x0A];
    private VirtualEuicc _euicc = null!;

    [GlobalSetup]
    public void Setup()
    {
        var package = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, Package));
        _euicc = new VirtualEuicc(new InMemoryCardStore(), CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));
        var imported = ProfileImporter.Import(package);
        if (!imported.IsSuccess) throw new InvalidOperationException("TS.48 v7 does not import: " + imported.Error);
        _euicc.Engine.AddPreLoadedProfile(imported.Profile!, package);
        if (_euicc.Engine.Enable(ProfileSelector.ByIccid(imported.Profile!.Iccid)) != EnableResult.Ok)
            throw new InvalidOperationException("TS.48 v7 does not enable");
        _euicc.Card.PowerOn();
        if (SelectReadBinary_InProcess() != 0x90) throw new InvalidOperationException("READ BINARY of EF.ICCID refused");
    }

    [GlobalCleanup]
    public void Cleanup() => _euicc.Dispose();

    [Benchmark]
    public byte SelectReadBinary_InProcess()
    {
        _euicc.Card.Transmit(s_selectIccid);
        return _euicc.Card.Transmit(s_readBinary)[^2];
    }
}
