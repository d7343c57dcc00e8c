using System.Globalization;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Conformance;

/// <summary>The steps a case can take against the card, each checking what the card answers.</summary>
public sealed class CaseContext : IDisposable
{
    public const string IsdRAid = "A0000005591010FFFFFFFF8900000100";
    public const string EcasdAid = "A0000005591010FFFFFFFF8900000200";

    private readonly bool _canReset;
    private readonly List<TestEim> _eims = [];
    private Es10Client? _client;

    internal CaseContext(ICard card, bool canReset, IotVersion version = IotVersion.V1_2)
    {
        Card = card;
        _canReset = canReset;
        Sgp32Version = version;
    }

    public ICard Card { get; }

    /// <summary>The SGP.32 version the card under test is expected to implement (conformance --sgp32).</summary>
    public IotVersion Sgp32Version { get; }

    /// <summary>Whether the card is checked as an SGP.32 v1.0 card.</summary>
    public bool IsV10 => Sgp32Version == IotVersion.V1_0;

    /// <summary>The LPA's ES10 session on a logical channel (basic channel if the card has none), opened on first use.</summary>
    public Es10Client Client
    {
        get
        {
            if (_client is { IsOpen: true }) return _client;
            _client = new Es10Client(Card);
            try
            {
                _client.Open();
            }
            catch (InvalidOperationException)
            {
                _client = new Es10Client(Card, new Es10ClientOptions { UseLogicalChannel = false });
                _client.Open();
            }
            return _client;
        }
    }

    // ---- raw APDUs ----

    public byte[] Transmit(string hex) => Card.Transmit(Convert.FromHexString(hex));

    /// <summary>Sends the APDU and checks the whole response (data and SW) in hex.</summary>
    public string Apdu(string commandHex, string expectedHex)
    {
        var response = Hex(Transmit(commandHex));
        Equal(expectedHex, response, $"response to {commandHex}");
        return response;
    }

    /// <summary>Sends the APDU and checks that the whole response is one of <paramref name="expectedHex"/>.</summary>
    public string ApduOneOf(string commandHex, params string[] expectedHex)
    {
        var response = Hex(Transmit(commandHex));
        if (!expectedHex.Contains(response))
            Fail($"response to {commandHex}: expected {string.Join(" or ", expectedHex)}, got {response}");
        return response;
    }

    /// <summary>Sends the APDU and checks only its status word.</summary>
    public byte[] ApduSw(string commandHex, string expectedSw)
    {
        var response = Transmit(commandHex);
        Equal(expectedSw, Hex(response[^2..]), $"SW of {commandHex}");
        return response[..^2];
    }

    /// <summary>Warm reset: closes channels, drops volatile state. The ES10 session is reopened on next use.</summary>
    public void Reset()
    {
        if (!_canReset) throw new ConformanceSkip("the target cannot reset the card");
        Card.Reset();
        _client = null;
    }

    // ---- ES10 ----

    /// <summary>
    /// TERMINAL PROFILE announcing REFRESH (ETSI TS 102 223 §5.2, byte 3 b8), as a terminal that handles profile
    /// switches sends after each reset: only then may the card answer a refresh switch with 91xx and a REFRESH.
    /// </summary>
    public void AnnounceRefresh() => Apdu("801000000400008000", "9000");

    /// <summary>Sends an ES10 request; a 91xx answer is completed like a terminal (FETCH, TERMINAL RESPONSE).</summary>
    public Es10Response Es10(byte[] request, bool completeProactive = true)
    {
        var response = Client.Send(request);
        if (completeProactive && response.StatusWord >> 8 == 0x91) CompleteProactive(response.StatusWord);
        return response;
    }

    /// <summary>Sends an ES10 request that must succeed; returns the response data.</summary>
    public byte[] Es10Ok(byte[] request)
    {
        var response = Es10(request);
        if (!response.IsSuccess) Fail($"{Name(request)} answered SW {response.StatusWord:X4}");
        return response.Data;
    }

    public string Es10Hex(string requestHex) => Hex(Es10Ok(Convert.FromHexString(requestHex)));

    /// <summary>Sends an ES10 request and checks the exact response bytes.</summary>
    public void Es10Expect(string requestHex, string expectedHex)
        => Equal(expectedHex, Es10Hex(requestHex), $"response to {Short(requestHex)}");

    /// <summary>Sends an ES10 request and checks the final status word.</summary>
    public void Es10ExpectSw(string requestHex, ushort sw) =>
        Equal(sw.ToString("X4", CultureInfo.InvariantCulture), Es10(Convert.FromHexString(requestHex))
            .StatusWord.ToString("X4", CultureInfo.InvariantCulture),
            $"SW of {Short(requestHex)}");

    public void CompleteProactive(ushort sw)
    {
        var fetched = Card.Transmit([0x80, 0x12, 0x00, 0x00, (byte)sw]);
        if (fetched.Length < 2 || fetched[^2] != 0x90) Fail($"FETCH after {sw:X4} answered {Hex(fetched)}");
        Card.Transmit(Convert.FromHexString("801400000C810301010402028281830100"));
    }

    /// <summary>[tag] { 80 result } -> result.</summary>
    public int Es10Result(byte[] request)
    {
        var data = Es10Ok(request);
        var outer = TlvCodec.ReadSingle(data);
        var inner = TlvCodec.ReadAll(outer.Value);
        var code = inner.FirstOrDefault(t => t.Tag == 0x80);
        // An SGP.32 v1.0 IoT card answers eUICCMemoryReset as BF34 { 02 resetResult ... } (v1.0 §5.9.5).
        if (code.Raw.IsEmpty && IsV10 && outer.Tag == 0xBF34) code = inner.FirstOrDefault(t => t.Tag == 0x02);
        if (code.Raw.IsEmpty) Fail($"{Name(request)}: no result in {Hex(data)}");
        return (int)Integer(code.Value.Span);
    }

    public void ExpectResult(string what, int expected, byte[] request) => Equal(expected, Es10Result(request), what + " result");

    // ---- profiles ----

    public static string Swapped(Iccid iccid) => Hex(iccid.ToSwappedBcd());

    public static byte[] EnableRequest(Iccid iccid, bool refresh = false)
        => Convert.FromHexString($"BF3111A00C5A0A{Swapped(iccid)}8101{(refresh ? "FF" : "00")}");

    public static byte[] DisableRequest(Iccid iccid, bool refresh = false)
        => Convert.FromHexString($"BF3211A00C5A0A{Swapped(iccid)}8101{(refresh ? "FF" : "00")}");

    public static byte[] DeleteRequest(Iccid iccid) => Convert.FromHexString($"BF330C5A0A{Swapped(iccid)}");

    /// <summary>GetProfilesInfo with ICCID, AID, state, class: every profile on the card.</summary>
    public IReadOnlyList<ProfileView> Profiles() => ParseProfiles(Es10Ok(Convert.FromHexString("BF2D075C055A4F9F7095")));

    public ProfileView? Profile(Iccid iccid) => Profiles().FirstOrDefault(p => p.Iccid == iccid);

    public void ExpectState(Iccid iccid, int state)
    {
        var profile = Profile(iccid) ?? throw new ConformanceFailure($"profile {iccid} is not on the card");
        Equal(state, profile.State, $"state of {iccid} (0 disabled, 1 enabled)");
    }

    public void ExpectAbsent(Iccid iccid)
    {
        if (Profile(iccid) is not null) Fail($"profile {iccid} is still on the card");
    }

    internal static IReadOnlyList<ProfileView> ParseProfiles(byte[] data)
    {
        var outer = TlvCodec.ReadSingle(data);
        var list = TlvCodec.ReadSingle(outer.Value);
        if (list.Tag != 0xA0) throw new ConformanceFailure($"GetProfilesInfo error {Hex(data)}");
        var result = new List<ProfileView>();
        foreach (var e in list.Children())
        {
            var parts = e.Children();
            Tlv Part(int tag) => parts.FirstOrDefault(p => p.Tag == tag);
            Iccid.TryFromSwappedBcd(Part(0x5A).Value.Span, out var iccid);
            result.Add(new ProfileView(iccid, Part(0x4F).Value.ToArray(),
                Part(0x9F70).Raw.IsEmpty ? -1 : Part(0x9F70).Value.Span[0], Part(0x95).Raw.IsEmpty ? -1 : Part(0x95).Value.Span[0]));
        }
        return result;
    }

    // ---- downloads ----

    /// <summary>A test ICCID (89 00 01 99 ...) numbered <paramref name="n"/>, with its Luhn digit.</summary>
    public static Iccid TestIccid(int n)
    {
        var body = "890001990000000" + n.ToString("D4", CultureInfo.InvariantCulture);
        return Iccid.Parse(body + Luhn(body));
    }

    public static byte[] Upp(Iccid iccid) => ProfilePackageBuilder.BuildIotMinimal(UppParameters(iccid));

    /// <summary>The contents of a case profile: its IMSI follows the ICCID; no PIN; Milenage keys.</summary>
    public static IotProfileParameters UppParameters(Iccid iccid) => new()
    {
        Iccid = iccid,
        Imsi = "00101990" + iccid.Digits[^8..^1],
        K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
        Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
    };

    public static ProfileMetadata Metadata(Iccid iccid, ProfileClass profileClass = ProfileClass.Operational, PprIds pprs = PprIds.None,
        bool fallbackAllowed = false, bool ecall = false) => new()
        {
            Iccid = iccid,
            ServiceProviderName = "Conformance",
            ProfileName = "Case profile " + iccid.Digits[^5..^1],
            ProfileClass = profileClass,
            Pprs = pprs,
            FallbackAllowed = fallbackAllowed,
            EcallIndication = ecall,
            NotificationConfigs = [new NotificationConfig(NotificationEvents.Install | NotificationEvents.Enable
                | NotificationEvents.Disable | NotificationEvents.Delete, "smdp.example.com")],
        };

    public static TestSmdp NewSmdp(SmdpFaults? faults = null, TestSmdpOptions? options = null)
        => new((options ?? new TestSmdpOptions()) with
    {
        EuiccCiPkIdToBeUsed = TestCis.Sgp26NistSubjectKeyId,
        CiCertificate = TestPki.CiCertificate(EcCurve.NistP256),
        Faults = faults ?? SmdpFaults.None,
    });

    /// <summary>Runs a whole download with the test SM-DP+ (every card signature verified).</summary>
    public DownloadResult RunDownload(DownloadRequest request, TestSmdp? smdp = null) =>
        new DownloadDriver(Client, smdp ?? NewSmdp()).Run(request);

    /// <summary>Downloads a profile that must install.</summary>
    public Iccid Install(int n, ProfileClass profileClass = ProfileClass.Operational, PprIds pprs = PprIds.None,
        bool fallbackAllowed = false, bool ecall = false)
    {
        var iccid = TestIccid(n);
        var result = RunDownload(new DownloadRequest { Upp = Upp(iccid),
            Metadata = Metadata(iccid, profileClass, pprs, fallbackAllowed, ecall) });
        if (!result.Success) Fail($"setup: download of {iccid} failed at {result.FailedStep}: {result.Problem} (code {result.ErrorCode})");
        return iccid;
    }

    /// <summary>Runs GetEUICCChallenge and AuthenticateServer, which must succeed.</summary>
    public void Authenticate(TestSmdp smdp)
    {
        var challenge = Es10Ok([0xBF, 0x2E, 0x00])[5..];
        var auth = smdp.VerifyAuthenticateServerResponse(Es10Ok(smdp.BuildAuthenticateServerRequest(challenge)));
        if (!auth.IsOk) Fail("AuthenticateServer: " + (auth.Problem ?? $"error {auth.ErrorCode}"));
    }

    // ---- eIM ----

    /// <summary>Associates a fresh test eIM with AddInitialEim and trusts the card's CERT.EUICC (verified up to the SGP.26 CI).</summary>
    public TestEim AssociateEim(string eimId = TestEimOptions.DefaultEimId)
    {
        var eim = NewEim(eimId);
        var added = eim.AcceptAddInitialEimResponse(Es10Ok(TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })));
        if (!added.IsOk) Fail($"setup: AddInitialEim refused with {added.Error}");
        TrustCard(eim);
        return eim;
    }

    public TestEim NewEim(string eimId = TestEimOptions.DefaultEimId)
    {
        // A v1.0 eIM signs EuiccPackageSigned alone (README "SGP.32 v1.0 and v1.2").
        var eim = new TestEim(new TestEimOptions { EimId = eimId, Eid = Eid(), SignAssociationToken = !IsV10 });
        _eims.Add(eim);
        return eim;
    }

    public void TrustCard(TestEim eim)
    {
        ArgumentNullException.ThrowIfNull(eim);
        var certs = TestEim.ParseGetCertsResponse(Es10Ok(TestEim.BuildGetCertsRequest(null)));
        eim.TrustEuiccCertificate(certs, TestPki.CiCertificate(EcCurve.NistP256));
    }

    /// <summary>Sends a signed package and verifies the result's structure and signature.</summary>
    public EuiccPackageResultInfo Package(TestEim eim, IEnumerable<Psmo> psmos, EimFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(eim);
        var request = eim.BuildEuiccPackage(psmos, faults: faults);
        return eim.VerifyEuiccPackageResult(Es10Ok(request.Encoded), request);
    }

    public EuiccPackageResultInfo Package(TestEim eim, IEnumerable<Eco> ecos, EimFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(eim);
        var request = eim.BuildEuiccPackage(ecos, faults: faults);
        return eim.VerifyEuiccPackageResult(Es10Ok(request.Encoded), request);
    }

    /// <summary>A package whose every result must be ok with a verified signature.</summary>
    public EuiccPackageResultInfo PackageOk(TestEim eim, params Psmo[] psmos)
    {
        var result = Package(eim, psmos);
        if (!result.AllOk)
        {
            Fail($"package not ok: {result.Kind} {result.ErrorCode} [{string.Join(", ", result.Results)}] {string.Join("; ",
            result.Problems)}");
        }

        return result;
    }

    public void ExpectSignedResults(EuiccPackageResultInfo result, params int[] codes)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsValid) Fail("result problems: " + string.Join("; ", result.Problems));
        Equal(EuiccPackageResultKind.Signed, result.Kind, "result kind");
        Equal(string.Join(",", codes), string.Join(",", result.Results.Select(r => r.Code ?? 0)), "per-operation result codes");
    }

    public void ExpectSignedError(EuiccPackageResultInfo result, int code)
    {
        ArgumentNullException.ThrowIfNull(result);
        Equal(EuiccPackageResultKind.SignedError, result.Kind, "result kind");
        Equal(code, result.ErrorCode, "eUICC package error code");
        if (result.SignatureValid != true) Fail("euiccSignEPE does not verify");
    }

    public Eid Eid()
    {
        var data = Es10Ok([0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A]);
        return Rsp.Values.Eid.FromBytes(TlvCodec.ReadSingle(TlvCodec.ReadSingle(data).Value).Value.Span);
    }

    // ---- checks ----

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected,
            actual))
        {
            throw new ConformanceFailure($"{what}: expected {expected}, got {actual}");
        }
    }

    public static void True(bool condition, string what)
    {
        if (!condition) throw new ConformanceFailure(what);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Fail(string why) => throw new ConformanceFailure(why);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>A result code as the one content byte of its INTEGER, in hex.</summary>
    public static string Code(int value) => Hex([checked((byte)value)]);

    public static long Integer(ReadOnlySpan<byte> content)
    {
        long value = content.Length > 0 && (content[0] & 0x80) != 0 ? -1 : 0;
        foreach (var b in content) value = value << 8 | b;
        return value;
    }

    public void Dispose()
    {
        try
        {
            _client?.Close();
        }
        catch (InvalidOperationException)
        {
        }
        foreach (var eim in _eims) eim.Dispose();
    }

    private static string Name(byte[] request) => request.Length >= 2 ? Hex(request.AsSpan(0, 2)) : Hex(request);

    private static string Short(string hex) => hex.Length > 40 ? hex[..40] + "..." : hex;

    private static char Luhn(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}

/// <summary>One profile as GetProfilesInfo shows it; state 0 disabled, 1 enabled.</summary>
public sealed record ProfileView(Iccid Iccid, byte[] IsdpAid, int State, int ProfileClass);
