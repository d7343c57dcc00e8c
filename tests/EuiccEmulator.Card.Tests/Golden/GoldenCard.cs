using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Golden;

/// <summary>
/// The card golden transcripts come from: the fixed golden identity, a seed, an in-memory store and a named setup.
/// Records every exchange; a STORE DATA block with P2 = 0 gets a step comment naming its ES10 function.
/// </summary>
internal sealed class GoldenCard : ICard, IDisposable
{
    public const string IdentityFileName = "golden-identity.txt";

    private readonly List<string> _lines = [];
    private string? _note;

    public GoldenCard(int seed, string setup)
    {
        Store = new InMemoryCardStore();
        Euicc = new VirtualEuicc(Store, Identity, null, seed, Errors.Add);
        Euicc.Card.PowerOn();
        Setups.Apply(setup, this);
    }

    public VirtualEuicc Euicc { get; }

    public InMemoryCardStore Store { get; }

    public List<Exception> Errors { get; } = [];

    public IReadOnlyList<string> Lines => _lines;

    public ReadOnlyMemory<byte> Atr => Euicc.Card.Atr;

    public void PowerOn() => Euicc.Card.PowerOn();

    public void PowerOff() => Euicc.Card.PowerOff();

    public void Reset() => Euicc.Card.Reset();

    /// <summary>The comment written above the next exchange.</summary>
    public void Step(string note) => _note = note;

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        var note = _note ?? AutoNote(commandApdu);
        _note = null;
        if (note is not null) _lines.Add("# " + note);
        var response = Euicc.Card.Transmit(commandApdu);
        _lines.Add("> " + Convert.ToHexString(commandApdu));
        _lines.Add("< " + Convert.ToHexString(response));
        return response;
    }

    public string Send(string note, string apduHex)
    {
        Step(note);
        return Convert.ToHexString(Transmit(Convert.FromHexString(apduHex)));
    }

    public void Dispose() => Euicc.Dispose();

    private static string? AutoNote(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length >= 4 && apdu[1] == 0x70) return apdu[2] == 0x80 ? "MANAGE CHANNEL close" : "MANAGE CHANNEL open";
        if (apdu.Length >= 4 && apdu[1] == 0xA4) return "SELECT";
        if (apdu.Length < 7 || apdu[1] != 0xE2 || apdu[3] != 0) return null;
        var data = apdu[4] == 0 && apdu.Length >= 9 ? apdu[7..] : apdu[5..];
        if (data.Length < 2) return null;
        var tag = (data[0] & 0x1F) == 0x1F ? data[0] << 8 | data[1] : data[0];
        return Es10Name(tag) is { } name ? "ES10 " + name : $"ES10 STORE DATA tag {tag:X2}";
    }

    // Golden cards are v1.2 cards; BPP segments are named by the component they carry.
    private static string? Es10Name(int tag) =>
        Es10Catalogue.Find(tag, Sgp32Releases.V1_2) is { } f
            ? f.Segmented ? $"{f.Name} ({f.Segments[0].Component})" : Es10Catalogue.Label(f, Sgp32Releases.V1_2)
            : Es10Catalogue.FindContinuation(tag) is { } bpp ? $"{bpp.Name} ({bpp.Segments.First(s => s.Tag == tag).Component})" : null;

    /// <summary>The fixed identity of golden cards (TEST ONLY key), created once on regeneration.</summary>
    public static CardIdentityRecord Identity => s_identity.Value;

    private static readonly Lazy<CardIdentityRecord> s_identity = new(LoadIdentity);

    private static CardIdentityRecord LoadIdentity()
    {
        var path = Path.Combine(GoldenFile.Directory, IdentityFileName);
        if (!File.Exists(path))
        {
            if (!GoldenTranscriptTests.Regenerating) throw new FileNotFoundException("the golden identity is missing", path);
            var created = CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235"));
            var chain = created.SigningChains[0];
            File.WriteAllLines(path,
            [
                "# Golden card identity: TEST ONLY key material (minted under the SGP.26 test EUM), fixed so transcripts replay.",
                "eid " + created.Eid,
                "ciSki " + Convert.ToHexString(chain.CiSubjectKeyId),
                "euiccCertificate " + Convert.ToHexString(chain.EuiccCertificate),
                "eumCertificate " + Convert.ToHexString(chain.EumCertificate),
                "euiccPrivateKeyPkcs8 " + Convert.ToHexString(chain.EuiccPrivateKeyPkcs8),
                .. created.TrustedCiCertificates.Select(c => "trustedCi " + Convert.ToHexString(c)),
            ]);
        }
        var values = File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' ', 2)).ToList();
        string One(string key) => values.Single(v => v[0] == key)[1];
        return new CardIdentityRecord(One("eid"),
            [new SigningChain(Convert.FromHexString(One("ciSki")), Convert.FromHexString(One("euiccCertificate")),
                Convert.FromHexString(One("eumCertificate")), Convert.FromHexString(One("euiccPrivateKeyPkcs8")))],
            [.. values.Where(v => v[0] == "trustedCi").Select(v => Convert.FromHexString(v[1]))]);
    }
}
