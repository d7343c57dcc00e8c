namespace EuiccEmulator.Sample.Tests;

/// <summary>The example of the package README, as it stands there, with checks of what it claims.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_gets_the_eid_and_reads_the_state()
    {
        // README example begins
        using var store = new InMemoryCardStore();   // or LiteDbCardStore.Open("card.db") to keep the card in a file
        var identity = CardIdentityFactory.Create(   // SGP.26 test CI; Chains = [PrivateCiFactory.Create()] for your own
            Eid.Parse("89049032123451234512345678901235"));
        using var euicc = new VirtualEuicc(store, identity);

        ICard card = euicc.Card;                      // what a reader sees: power, reset, APDUs
        card.PowerOn();
        var select = card.Transmit(Convert.FromHexString("00A4040010A0000005591010FFFFFFFF890000010000"));
        var getEid = card.Transmit(Convert.FromHexString("80E2910006BF3E035C015A00"));   // ES10c GetEID

        var eid = Convert.ToHexString(getEid.AsSpan(5, 16));   // BF3E 12 5A 10 <EID> 90 00
        var profiles = euicc.Engine.Profiles;                  // the card's state: profiles, notifications, settings
        // README example ends

        Assert.Equal([0x90, 0x00], select[^2..]);
        Assert.Equal("BF3E125A10", Convert.ToHexString(getEid.AsSpan(0, 5)));
        Assert.Equal([0x90, 0x00], getEid[^2..]);
        Assert.Equal("89049032123451234512345678901235", eid);
        Assert.Empty(profiles);
    }
}
