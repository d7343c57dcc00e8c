using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.State;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Card.Tests.Properties;

public class CardProperties
{
    private static readonly string[] Requests =
    [
        "BF3E035C015A",
        "BF2D00",
        "BF2D065C045A9F7095",
        "BF2000",
        "BF2200",
        "BF3C00",
        "BF2800",
        "BF3111A00C5A0A98001032547698103214810100",
    ];

    [Property(MaxTest = 200)]
    public Property AnySplitIntoStoreDataBlocks_GivesSameResponseAsOneBlock()
    {
        var gen = from request in Gen.Elements(Requests)
                  from blockSize in Gen.Choose(1, 255)
                  from withLe in ArbMap.Default.GeneratorFor<bool>()
                  select (request, blockSize, withLe);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            using var whole = new TestCard().SelectIsdR();
            using var split = new TestCard().SelectIsdR();
            whole.AddProfile("89000123456789012341");
            split.AddProfile("89000123456789012341");
            return whole.Es10(t.request) == split.Es10(t.request, blockSize: t.blockSize, withLe: t.withLe);
        });
    }

    [Property(MaxTest = 500)]
    public Property RandomApdu_AlwaysGetsStatusWord_AndLeavesStateUnchanged()
    {
        // Bias towards the classes and instructions the card knows, so random bytes reach deep paths.
        var gen = from cla in Gen.Elements<byte>(0x00, 0x01, 0x80, 0x81, 0x40, 0xC0, 0xA0, 0xFF, 0x10, 0x0C)
                  from ins in Gen.Elements<byte>(0xA4, 0x70, 0xC0, 0xE2, 0xCA, 0x12, 0x14, 0xAA, 0xF2, 0x00, 0xB0)
                  from n in Gen.Choose(0, 40)
                  from rest in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)
                  select (byte[])[cla, ins, .. rest];
        return Prop.ForAll(gen.ToArbitrary(), Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).ToArbitrary(), (byte[] apdu, byte[] noise) =>
        {
            var store = new InMemoryCardStore();
            using var card = new TestCard(store).SelectIsdR();
            card.AddProfile("89000123456789012341");
            var commits = store.Commits;
            var before = Describe(store.Load());
            var r1 = card.Euicc.Card.Transmit(noise);
            var r2 = card.Euicc.Card.Transmit(apdu);
            return r1.Length >= 2 && r2.Length >= 2 && store.Commits == commits && Describe(store.Load()) == before
                && card.Errors.Count == 0;
        });
    }

    private static string Describe(CardSnapshot s) =>
        string.Join(";", s.Profiles.Select(p => $"{p.Iccid}:{p.State}:{p.Nickname}")) + "|" + s.Settings + "|"
        + string.Join(",", s.Notifications.Select(n => n.SeqNumber));
}

public class ProfileSequenceProperties
{
    [Property(MaxTest = 150)]
    public Property RandomOperationSequences_KeepInvariants()
    {
        return Prop.ForAll(ProfileOperations.Sequence().ToArbitrary(), operations =>
        {
            using var card = new TestCard().SelectIsdR();
            ProfileOperations.AddAll(card);
            var deleted = new HashSet<string>();
            long lastSeq = 0;
            var failure = ProfileOperations.RunChecked(card, operations, deleted, ref lastSeq);
            return (failure is null).Label(failure ?? "");
        });
    }
}
