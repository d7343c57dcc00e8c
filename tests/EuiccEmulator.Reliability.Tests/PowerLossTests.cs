using EuiccEmulator.Iso7816;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.Reliability.Tests;

/// <summary>Reset and power-off at card level: volatile state goes, persistent state stays.</summary>
public sealed class PowerLossTests
{
    [Theory]
    [InlineData("reset")]
    [InlineData("power")]
    public void Reset_inside_a_chained_STORE_DATA_drops_the_partial_buffer(string how)
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        var card = euicc.Card;
        Rel.AddProfile(euicc.Engine, Rel.IccidFor(1));
        var before = Rel.Digest(euicc.Store);
        Rel.SelectIsdR(card);
        // First block of BF2D {} split in two; then the power goes.
        Assert.Equal(0x9000, Rel.Sw(card.Transmit(Convert.FromHexString("80E211000200BF"))));
        Cut(card, how);
        Rel.SelectIsdR(card);
        // The continuation block no longer belongs to anything.
        Assert.Equal(0x6A86, Rel.Sw(card.Transmit(Convert.FromHexString("80E291010100"))));
        // A fresh request works.
        Assert.Equal(0x9000, Rel.Es10(card, "BF2D00").Sw);
        Assert.Equal(before, Rel.Digest(euicc.Store));
        Assert.Empty(errors);
    }

    [Fact]
    public void Reset_drops_pending_GET_RESPONSE_and_open_channels()
    {
        using var euicc = Rel.NewCard();
        var card = euicc.Card;
        var before = Rel.Digest(euicc.Store);
        Assert.Equal(0x9000, Rel.Sw(card.Transmit([0x00, 0x70, 0x00, 0x01, 0x00])));
        Rel.SelectIsdR(card, 1);
        Rel.SelectIsdR(card);
        var r = card.Transmit(Convert.FromHexString("80E2910003BF2200"));
        Assert.Equal(0x61, r[^2]);
        card.Reset();
        Assert.Equal(0x6985, Rel.Sw(card.Transmit([0x00, 0xC0, 0x00, 0x00, 0x00])));
        Assert.Equal(0x6881, Rel.Sw(card.Transmit(Convert.FromHexString("81E2910003BF2200"))));
        Assert.Equal(before, Rel.Digest(euicc.Store));
    }

    [Theory]
    [InlineData(3, false)]  // before the BPP: during the ES10b calls
    [InlineData(1, true)]   // inside the BPP, after InitialiseSecureChannel
    [InlineData(4, true)]   // deeper inside the BPP
    public void Power_loss_inside_a_download_clears_the_session_and_installs_nothing(int bppSegmentsBeforeCut, bool insideBpp)
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(errors: errors);
        var cutter = new CuttingCard(euicc.Card, insideBpp ? bppSegmentsBeforeCut : -1, insideBpp ? -1 : bppSegmentsBeforeCut);
        var result = Rel.Download(cutter, Rel.IccidFor(7), blockSize: 200);
        Assert.True(cutter.Cut);
        Assert.False(result.Success);
        Assert.Empty(euicc.Engine.Profiles);
        Assert.Null(euicc.Context.Download);
        Assert.Null(euicc.Context.EuiccChallenge);
        // A BPP segment after the cut has no session to go to.
        Rel.SelectIsdR(euicc.Card);
        Assert.Equal(0x6A88, Rel.Es10(euicc.Card, "A30481020000").Sw);
        var pending = euicc.Engine.ProfileNotifications.ToList();
        if (insideBpp)
        {
            // SGP.22 §5.5: the interrupted install leaves one signed installFailedDueToInterruption result.
            var pir = Assert.Single(pending);
            Assert.Equal(NotificationEvents.Install, pir.Event);
            Assert.Contains("81010B", Convert.ToHexString(pir.SignedObject), StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(pending);
        }
        Assert.Empty(errors);
    }

    private static void Cut(ICard card, string how)
    {
        if (how == "reset")
        {
            card.Reset();
        }
        else { card.PowerOff(); card.PowerOn(); }
    }

    /// <summary>Powers the card off and on before the Nth APDU of a BPP (STORE DATA starting BF36/A0-A3/86-88) or of all APDUs.</summary>
    private sealed class CuttingCard(ICard inner, int bppApdu, int anyApdu) : ICard
    {
        private int _bpp;
        private int _any;
        private bool _inBpp;

        public bool Cut { get; private set; }

        public ReadOnlyMemory<byte> Atr => inner.Atr;

        public void PowerOn() => inner.PowerOn();

        public void PowerOff() => inner.PowerOff();

        public void Reset() => inner.Reset();

        public byte[] Transmit(ReadOnlySpan<byte> apdu)
        {
            if (apdu.Length > 6 && apdu[1] == 0xE2 && apdu[3] == 0 && apdu[5] == 0xBF && apdu[6] == 0x36) _inBpp = true;
            if (!Cut && (_inBpp && _bpp++ == bppApdu || anyApdu >= 0 && _any++ == anyApdu))
            {
                Cut = true;
                inner.PowerOff();
                inner.PowerOn();
            }
            return inner.Transmit(apdu);
        }
    }
}
