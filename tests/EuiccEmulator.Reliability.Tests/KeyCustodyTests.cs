using System.Security.Cryptography;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Cli;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Reliability.Tests;

/// <summary>Private keys stay inside: no response carries them; files holding them are owner-only.</summary>
public sealed class KeyCustodyTests
{
    /// <summary>Records every response byte the card gives.</summary>
    private sealed class RecordingCard(ICard inner) : ICard
    {
        public List<byte[]> Responses { get; } = [];

        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> apdu)
        {
            var r = inner.Transmit(apdu);
            Responses.Add(r);
            return r;
        }
    }

    [Fact]
    public void No_response_to_any_ES10_function_or_flow_contains_private_key_bytes()
    {
        using var euicc = Rel.NewCard();
        var card = new RecordingCard(euicc.Card);
        card.Responses.Add(euicc.Card.Atr.ToArray());
        var a = Rel.IccidFor(1);
        // Download flow (AuthenticateServer, PrepareDownload, the whole BPP and its result).
        Assert.True(Rel.Download(card, a).Success);
        Rel.SelectIsdR(card);
        // eIM association, a package with every kind of PSMO, then IoT functions.
        using var eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(Rel.Eid), AssociationToken = null });
        Assert.True(eim.AcceptAddInitialEimResponse(Rel.Es10(card, TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })).Data).IsOk);
        var iccid = Iccid.Parse(a);
        foreach (var psmo in new[] { Psmo.Enable(iccid, rollbackFlag: true), Psmo.ListProfileInfo(), Psmo.GetRat(),
            Psmo.SetFallbackAttribute(iccid), Psmo.UnsetFallbackAttribute(), Psmo.ConfigureImmediateEnable(true), Psmo.Disable(iccid) })
        {
            var r = Rel.Es10(card, eim.BuildEuiccPackage([psmo]).Encoded);
            if (r.Sw >> 8 == 0x91)
            {
                card.Transmit([0x80, 0x12, 0, 0, (byte)r.Sw]);
                card.Transmit(Convert.FromHexString("801400000C810301010402028281830100"));
            }
        }
        Rel.Es10(card, eim.BuildEuiccPackage([Eco.ListEim()]).Encoded);
        // Every ES10 function by tag, with empty and typical bodies.
        string[] requests =
        [
            "BF3E035C015A", "BF2D00", "BF2000", "BF2200", "BF2E00", "BF3C00", "BF3F0480026161", "BF2800", "BF2B00", "BF4300",
            "BF5500", "BF5600", "BF5F00", "BF5D00", "BF5E00", "BF5B00", "BF5C00", "BF5803800100", "BF5A03800100", "BF5900",
            $"BF29115A0A{Rel.Swapped(a)}9003414243", "BF4100", "BF3800", "BF2100", "BF3600", "BF51020000",
            $"BF3111A00C5A0A{Rel.Swapped(a)}810100", $"BF3211A00C5A0A{Rel.Swapped(a)}810100", "BF6500", "BF640482020780",
            Rel.RemoveNotification(1), "BF340482020780",
        ];
        foreach (var request in requests) Rel.Es10(card, request);
        // ECASD and card OS commands.
        foreach (var apdu in new[] { "00A4040010A0000005591010FFFFFFFF8900000200", "80CA005A00", "80F2000000", "00C0000000", "8012000000" })
            card.Transmit(Convert.FromHexString(apdu));

        var all = card.Responses.SelectMany(r => r).ToArray();
        Assert.True(all.Length > 4_000, $"only {all.Length} response bytes collected");
        foreach (var chain in Rel.Identity.SigningChains)
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(chain.EuiccPrivateKeyPkcs8, out _);
            var d = key.ExportParameters(includePrivateParameters: true).D!;
            AssertAbsent(all, d, "SK.EUICC d");
            AssertAbsent(all, d[..8], "SK.EUICC d (first 8 bytes)");
            AssertAbsent(all, d[^8..], "SK.EUICC d (last 8 bytes)");
            // its tail is the public point, in CERT.EUICC
            AssertAbsent(all, chain.EuiccPrivateKeyPkcs8[..48], "SK.EUICC PKCS#8 head (up to d)");
        }
    }

    private static void AssertAbsent(byte[] haystack, byte[] needle, string what) =>
        Assert.True(haystack.AsSpan().IndexOf(needle) < 0, what + " appears in a card response");

    [Fact]
    public void The_store_its_lock_and_new_CI_private_keys_are_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Directory.CreateTempSubdirectory("euicc-keys-");
        try
        {
            var store = Path.Combine(dir.FullName, "card.db");
            using (var s = LiteDbCardStore.Open(store)) s.SaveIdentity(Rel.Identity);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store + ".lock"));
            var ci = Path.Combine(dir.FullName, "ci");
            Assert.Equal(0, EuiccEmulator.Cli.Program.Run(["keys", "new-ci", "--out", ci], TextWriter.Null, TextWriter.Null));
            var keyFiles = Directory.GetFiles(ci, "*key*");
            Assert.NotEmpty(keyFiles);
            foreach (var file in keyFiles)
            {
                Assert.True((File.GetUnixFileMode(file)
                    & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) == 0,
                    $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_CLI_warns_when_the_card_signs_with_the_public_SGP26_keys()
    {
        var dir = Directory.CreateTempSubdirectory("euicc-warn-");
        try
        {
            var log = new StringWriter();
            var store = Path.Combine(dir.FullName, "card.db");
            // profiles list reads an existing card only; init creates it.
            Assert.Equal(0, EuiccEmulator.Cli.Program.Run(["init", "--store", store], TextWriter.Null, TextWriter.Null));
            Assert.Equal(0, EuiccEmulator.Cli.Program.Run(["profiles", "list", "--store", store], TextWriter.Null, log));
            Assert.Contains("warning: this card signs under the public GSMA SGP.26 TEST CI", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
