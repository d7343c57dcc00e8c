using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Golden;

/// <summary>Named starting states of a golden card, named in the transcript by <c>#@ setup</c>.</summary>
internal static class Setups
{
    public const string A = "89000123456789012341";
    public const string B = "89000123456789012358";
    public const string C = "89000123456789012366";

    public static void Apply(string name, GoldenCard card)
    {
        var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
        switch (name)
        {
            case "none":
                break;
            case "profiles":
                Add(card, A, ProfileClass.Operational, PprIds.None, new NotificationConfig(all, "a.example.com"));
                Add(card, B, ProfileClass.Operational, PprIds.Ppr1DisableNotAllowed);
                Add(card, C, ProfileClass.Test, PprIds.None, new NotificationConfig(all, "c.example.com"));
                break;
            case "iot":
                Add(card, A, ProfileClass.Operational, PprIds.None,
                    new NotificationConfig(NotificationEvents.Enable | NotificationEvents.Disable, "n.example"));
                Add(card, B, ProfileClass.Operational, PprIds.None,
                    new NotificationConfig(NotificationEvents.Enable | NotificationEvents.Disable, "n.example"));
                break;
            default:
                throw new ArgumentException($"unknown golden setup '{name}'", nameof(name));
        }
    }

    private static void Add(
        GoldenCard card, string iccid, ProfileClass profileClass, PprIds pprs, params NotificationConfig[] notifications) =>
        card.Euicc.Engine.AddPreLoadedProfile(new ProfileRecord
        {
            Iccid = Iccid.Parse(iccid),
            IsdpAid = [],
            ServiceProviderName = "Golden SP",
            ProfileName = "Golden " + iccid[^4..],
            ProfileClass = profileClass,
            Pprs = pprs,
            NotificationConfigs = notifications,
        }, [0xA0, 0x00]);

    public static string Swapped(string iccid) => Convert.ToHexString(Iccid.Parse(iccid).ToSwappedBcd());
}
