using EuiccEmulator.Rsp.Bsp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static EuiccEmulator.Rsp.Tests.Bsp.BspTestSupport;

namespace EuiccEmulator.Rsp.Tests.Bsp;

public sealed class BspRoundTripProperties
{
    private static readonly Gen<byte> Tags = Gen.Elements<byte>(0x86, 0x87, 0x88);

    private sealed record Step(byte Tag, int Length, int MaxTlvSize);

    private static Gen<Step> Steps =>
        from tag in Tags
        from length in Gen.Frequency((3, Gen.Choose(0, 40)), (3, Gen.Choose(0, 1100)), (1, Gen.Choose(1000, 5000)))
        from maxTlv in Gen.Frequency((3, Gen.Constant(1020)), (1, Gen.Choose(26, 1020)))
        select new Step(tag, length, maxTlv);

    [Property(MaxTest = 150)]
    public Property WrapSegmentsThenUnwrap_RandomSequenceWithOptionalKeyReplacement_SamePlaintexts()
    {
        var gen = from seed in ArbMap.Default.GeneratorFor<int>()
                  from steps in Gen.ListOf(Steps).Where(s => s.Count > 0)
                  from replaceAt in Gen.Choose(-1, steps.Count - 1)
                  select (seed, steps, replaceAt);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            var keys = RandomKeys(random);
            var ppk = RandomKeys(random);
            using var wrapper = new BspWrapper(keys);
            using var unwrapper = new BspUnwrapper(keys);
            for (var i = 0; i < t.steps.Count; i++)
            {
                if (i == t.replaceAt)
                {
                    wrapper.ReplaceSessionKeys(ppk);
                    unwrapper.ReplaceSessionKeys(ppk);
                }
                var step = t.steps[i];
                var plaintext = new byte[step.Length];
                random.NextBytes(plaintext);
                var received = new List<byte>();
                foreach (var tlv in wrapper.WrapSegments(step.Tag, plaintext, step.MaxTlvSize))
                {
                    if (tlv.Length > step.MaxTlvSize || tlv[0] != step.Tag)
                        return false;
                    received.AddRange(unwrapper.Unwrap(tlv));
                }
                if (!plaintext.AsSpan().SequenceEqual([.. received]))
                    return false;
            }
            return true;
        });
    }

    [Property(MaxTest = 300)]
    public Property Unwrap_OneBitFlippedAnywhere_RefusedAndStateUnchanged()
    {
        var gen = from seed in ArbMap.Default.GeneratorFor<int>()
                  from tag in Tags
                  from length in Gen.Choose(0, 1007)
                  from position in Gen.Choose(0, int.MaxValue)
                  from bit in Gen.Choose(0, 7)
                  select (seed, tag, length, position, bit);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            var keys = RandomKeys(random);
            var plaintext = new byte[t.length];
            random.NextBytes(plaintext);
            using var wrapper = new BspWrapper(keys);
            var first = wrapper.Wrap(t.tag, plaintext);
            var second = wrapper.Wrap(t.tag, plaintext);
            var headerLength = first.Length - (first[1] switch { 0x81 => first[2], 0x82 => (first[2] << 8) | first[3], _ => first[1] });
            var position = t.position % first.Length;
            var flipped = (byte[])first.Clone();
            flipped[position] ^= (byte)(1 << t.bit);

            using var unwrapper = new BspUnwrapper(keys);
            var failure = Assert.Throws<BspException>(() => unwrapper.Unwrap(flipped));

            // Body and MAC are covered by the C-MAC; a flipped tag or length may also break the framing first.
            var expectedKind = position >= headerLength ? failure.Failure == BspFailure.SecurityError : true;
            return expectedKind
                && unwrapper.Unwrap(first).AsSpan().SequenceEqual(plaintext)
                && unwrapper.Unwrap(second).AsSpan().SequenceEqual(plaintext);
        });
    }

    [Property(MaxTest = 200)]
    public Property Unwrap_TruncatedOrExtended_StructureErrorAndStateUnchanged()
    {
        var gen = from seed in ArbMap.Default.GeneratorFor<int>()
                  from tag in Tags
                  from length in Gen.Choose(0, 1007)
                  from cut in Gen.Choose(-3, 1100)
                  select (seed, tag, length, cut);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            var keys = RandomKeys(random);
            var plaintext = new byte[t.length];
            random.NextBytes(plaintext);
            using var wrapper = new BspWrapper(keys);
            var tlv = wrapper.Wrap(t.tag, plaintext);
            // Negative cut appends bytes; otherwise drop 1..Length bytes from the end.
            var damaged = t.cut < 0
                ? [.. tlv, .. new byte[-t.cut]]
                : tlv[..(tlv.Length - 1 - (t.cut % tlv.Length))];

            using var unwrapper = new BspUnwrapper(keys);
            var failure = Assert.Throws<BspException>(() => unwrapper.Unwrap(damaged));

            return failure.Failure == BspFailure.StructureError
                && unwrapper.Unwrap(tlv).AsSpan().SequenceEqual(plaintext);
        });
    }
}
