using System.Diagnostics;
using System.Globalization;
using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

/// <summary>
/// Second implementation: Debian's osmo-auc-gen (package libosmocore-utils) plays the AuC for Milenage ("milenage") and
/// the TS 34.108 test algorithm ("xor"), with random K / OPc / RAND / SQN / AMF. The card must accept its AUTN and give
/// its RES, CK, IK, SRES and Kc; a replay must yield an AUTS from which osmo-auc-gen (-A) resynchronises to an SQN the
/// card then accepts. Skipped when the tool is missing, failed instead under CI=true.
/// </summary>
public class OsmoAucGenOracleTests
{
    private const string Tool = "osmo-auc-gen";
    private const int Cases = 50;

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            return Run("--help").ExitCode is 0 or 1 or 2;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    private static void RequireTool()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ci) Assert.True(Available.Value, $"{Tool} (Debian package libosmocore-utils) is required under CI=true");
        Skip.IfNot(Available.Value, $"{Tool} not installed (Debian package libosmocore-utils)");
    }

    [SkippableFact]
    public void A_forged_AUTS_is_refused_by_osmo_auc_gen()
    {
        RequireTool();
        var args = Keys("milenage", new byte[16], new byte[16]).Concat(["-r", new string('0', 32), "-A", new string('1', 28)]).ToArray();
        var run = Run(args);
        Assert.DoesNotContain("AUTN", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Milenage_against_osmo_auc_gen() => Compare(AkaAlgorithm.Milenage, seed: 35206);

    [SkippableFact]
    public void Test_algorithm_against_osmo_auc_gen() => Compare(AkaAlgorithm.UsimTestAlgorithm, seed: 34108);

    /// <summary>The card itself, through AUTHENTICATE APDUs on the TS.48 v7 profile (test algorithm, K from its PE-AKAParameter).</summary>
    [SkippableFact]
    public void The_TS48_profile_answers_osmo_auc_gen_vectors_through_APDUs()
    {
        RequireTool();
        var k = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        using var card = Uicc.Ts48FileSystemTests.CardWith(Path.Combine(TestPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der"));
        Assert.Equal("9000", card.Transmit("00A4040C0CA0000000871002FF49FF0589"));
        Assert.Equal("9000", card.Transmit("002000010830303030FFFFFFFF"));
        var rng = new Random(31102);
        ulong seq = 0;
        for (var n = 0; n < 20; n++)
        {
            var rand = Bytes(rng, 16);
            seq += (ulong)rng.Next(1, 1000);
            var sqn = (seq << 5) | (uint)rng.Next(32);
            // osmo-auc-gen's xor prints the SQN it is given plus one SEQ step as the one it used (see Compare).
            var args = Keys("xor", k, [])
                .Concat(["-r", X(rand), "-s", (sqn + 32).ToString(CultureInfo.InvariantCulture), "-f", "8000"]).ToArray();
            var v = Vector(Run(args), args);
            var response = card.Transmit($"008800812210{X(rand)}10{X(v.Autn)}00").ToLowerInvariant();
            var prefix = $"db10{X(v.Res)}10{X(v.Ck)}10{X(v.Ik)}";
            // The profile's EF.UST has services n°27 and n°38: Kc in the 3G answer, and the GSM context.
            Assert.True(response == prefix + "08" + X(v.Kc) + "9000", $"case {n}: {Tool} {string.Join(' ', args)}: "
                + $"card answered {response}");
            var gsm = card.Transmit($"008800801110{X(rand)}00").ToLowerInvariant();
            Assert.True(gsm == $"04{X(v.Sres)}08{X(v.Kc)}9000", $"case {n}: GSM context answered {gsm}");
            // The replay gives an AUTS that osmo-auc-gen verifies and reads SQN_MS from.
            var replay = card.Transmit($"008800812210{X(rand)}10{X(v.Autn)}00");
            Assert.StartsWith("DC0E", replay, StringComparison.Ordinal);
            var resyncArgs = Keys("xor", k, []).Concat(["-r", X(rand), "-A", replay[4..^4].ToLowerInvariant(), "-f", "8000"]).ToArray();
            Assert.Equal(sqn, Vector(Run(resyncArgs), resyncArgs).Sqn);
        }
    }

    private static void Compare(AkaAlgorithm algorithm, int seed)
    {
        RequireTool();
        var rng = new Random(seed);
        for (var n = 0; n < Cases; n++)
        {
            var k = Bytes(rng, 16);
            var opc = Bytes(rng, 16);
            var rand = Bytes(rng, 16);
            var amf = Bytes(rng, 2);
            // SEQ within Δ = 2^28 of the all-zero array, any IND.
            var sqn = ((ulong)rng.Next(1, 1 << 27) << 5) | (uint)rng.Next(32);
            var p = algorithm == AkaAlgorithm.Milenage ? AkaParameters.Milenage(k, opc) : AkaParameters.UsimTestAlgorithm(k);
            var name = algorithm == AkaAlgorithm.Milenage ? "milenage" : "xor";
            // osmo-auc-gen's xor does not advance the given SQN, its milenage does (by one SEQ step, keeping IND).
            var given = algorithm == AkaAlgorithm.Milenage ? sqn : sqn + 32;
            var args = Keys(name, k, opc)
                .Concat(["-r", X(rand), "-s", given.ToString(CultureInfo.InvariantCulture), "-f", X(amf)]).ToArray();
            var v = Vector(Run(args), args);
            var context = $"case {n}: {Tool} {string.Join(' ', args)}";
            Assert.True(sqn == v.Sqn, $"{context}: SQN {v.Sqn} instead of {sqn}");

            var r = Aka.Authenticate(p, SqnState.Initial, rand, v.Autn, AuthenticationContext.Umts, includeKc: true);
            Assert.True(r.Outcome == AuthenticationOutcome.Success, $"{context}: {r.Outcome}");
            Assert.Equal(X(v.Res), X(r.Res.Span));
            Assert.Equal(X(v.Ck), X(r.Ck.Span));
            Assert.Equal(X(v.Ik), X(r.Ik.Span));
            Assert.Equal(X(v.Kc), X(r.Kc.Span));
            Assert.Equal(sqn >> 5, r.NewState[(int)(sqn & 31)]);

            var gsm = Aka.Authenticate(p, SqnState.Initial, rand, default, AuthenticationContext.Gsm);
            Assert.Equal("04" + X(v.Sres) + "08" + X(v.Kc), X(gsm.ResponseData));

            // Replay: sync failure; osmo-auc-gen must verify the AUTS and move past SQN_MS.
            var replay = Aka.Authenticate(p, r.NewState, rand, v.Autn, AuthenticationContext.Umts);
            Assert.True(replay.Outcome == AuthenticationOutcome.SynchronisationFailure, $"{context}: replay gave {replay.Outcome}");
            var resyncArgs = Keys(name, k, opc).Concat(["-r", X(rand), "-A", X(replay.Auts.Span), "-f", X(amf)]).ToArray();
            var resync = Vector(Run(resyncArgs), resyncArgs); // prints a vector only when MAC-S verifies
            if (algorithm == AkaAlgorithm.UsimTestAlgorithm)
            {
                // Its xor takes SQN_MS from AUTS as the SQN and does not advance it.
                Assert.True(resync.Sqn == r.NewState.SqnMs, $"{context}: AUTS gave SQN_MS {resync.Sqn}, card sent {r.NewState.SqnMs}");
                continue;
            }
            Assert.True(resync.Sqn >> 5 > r.NewState.SqnMs >> 5, $"{context}: resync SQN {resync.Sqn} not past SQN_MS {r.NewState.SqnMs}");
            var after = Aka.Authenticate(p, r.NewState, rand, resync.Autn, AuthenticationContext.Umts);
            Assert.True(after.Outcome == AuthenticationOutcome.Success, $"{context}: after resync {after.Outcome}");
        }
    }

    private static string[] Keys(string algorithm, byte[] k, byte[] opc) =>
        algorithm == "milenage" ? ["-3", "-a", algorithm, "-k", X(k), "-o", X(opc)] : ["-3", "-a", algorithm, "-k", X(k)];

    private sealed record AucVector(byte[] Autn, byte[] Res, byte[] Ck, byte[] Ik, byte[] Sres, byte[] Kc, ulong Sqn);

    private static AucVector Vector((int ExitCode, string Output) run, string[] args)
    {
        Assert.True(run.ExitCode == 0, $"{Tool} {string.Join(' ', args)} exited {run.ExitCode}: {run.Output}");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in run.Output.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        string Field(string name) => fields.TryGetValue(name, out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"{Tool} {string.Join(' ', args)} printed no {name}: {run.Output}");
        return new AucVector(H(Field("AUTN")), H(Field("RES")), H(Field("CK")), H(Field("IK")), H(Field("SRES")), H(Field("Kc")),
            ulong.Parse(Field("SQN"), CultureInfo.InvariantCulture));
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException($"{Tool} did not finish");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static byte[] Bytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    private static byte[] H(string hex) => Convert.FromHexString(hex);

    private static string X(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);
}
