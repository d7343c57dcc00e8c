using EuiccEmulator.Rsp.Codes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Sample.Tests;

/// <summary>
/// A property over the card's state: whatever the LPA sends among enable, disable and reset, at most one profile is
/// enabled, every result code is the one SGP.22 gives for the state the card was in, and the card's own list, its
/// stored state and a model of it agree after every command.
/// </summary>
public class CardStateProperties
{
    private static readonly string[] Iccids = ["89000100000000000102", "89000100000000000201", "89000100000000000300"];

    public enum Kind { Enable, Disable, Reset }

    public sealed record Command(Kind Kind, int Profile)
    {
        public override string ToString() => Kind == Kind.Reset ? "Reset" : $"{Kind} {Profile}";
    }

    private static readonly Gen<Command> Commands =
        from kind in Gen.Elements(Kind.Enable, Kind.Disable, Kind.Reset)
        from profile in Gen.Choose(0, Iccids.Length - 1)
        select new Command(kind, profile);

    [Property(MaxTest = 40)]
    public Property At_most_one_profile_is_enabled_and_results_follow_the_state() =>
        Prop.ForAll(Commands.ListOf().ToArbitrary(), commands =>
        {
            using var store = new InMemoryCardStore();
            using var euicc = new VirtualEuicc(store, CardIdentityFactory.Create(Eid.Parse("89049032123451234512345678901235")));
            var profiles = Iccids.Select(i => Es10FlowTests.PreLoad(euicc, i).Iccid).ToArray();
            var lpa = new Lpa(euicc.Card);
            lpa.PowerOnAndSelectIsdR();
            int? enabled = null; // the model: which profile is enabled

            foreach (var command in commands)
            {
                switch (command.Kind)
                {
                    case Kind.Enable:
                        // SGP.22 §5.7.16: ok, implicitly disabling the enabled one; 2 if this one is enabled already.
                        Assert.Equal(enabled == command.Profile ? 2 : 0, lpa.Enable(profiles[command.Profile]));
                        enabled = command.Profile;
                        break;
                    case Kind.Disable:
                        // SGP.22 §5.7.17: ok for the enabled profile; 2 (profileNotInEnabledState) for any other.
                        Assert.Equal(enabled == command.Profile ? 0 : 2, lpa.Disable(profiles[command.Profile]));
                        if (enabled == command.Profile) enabled = null;
                        break;
                    case Kind.Reset:
                        lpa.ResetAndSelectIsdR();
                        break;
                }

                var listed = lpa.ListProfiles();
                Assert.True(listed.Count(p => p.Enabled) <= 1);
                Assert.Equal(Iccids.Select((iccid, i) => (iccid, i == enabled)), listed);
                Assert.Equal(enabled is { } e ? profiles[e] : (Iccid?)null, euicc.Engine.EnabledProfile?.Iccid);
                Assert.True(euicc.Engine.Profiles.Count(p => p.State == ProfileState.Enabled) <= 1);
            }
        });
}
