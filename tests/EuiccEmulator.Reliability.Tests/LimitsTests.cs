using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Reliability.Tests;

/// <summary>Configurable bounds: hitting one gives the spec's code, changes nothing and never throws.</summary>
public sealed class LimitsTests
{
    private static readonly NotificationConfig All = new(
        NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete, "n.example");

    [Fact]
    public void Defaults_are_bounded()
    {
        var options = new CardOptions();
        Assert.Equal(16, options.MaxProfiles);
        Assert.Equal(64, options.MaxPendingNotifications);
        Assert.Equal(32, options.MaxPendingPackageResults);
        Assert.Equal(128 * 1024, options.MaxRequestSize);
    }

    [Fact]
    public void Download_past_MaxProfiles_fails_with_insufficient_memory_and_import_refuses()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(options: new CardOptions { MaxProfiles = 2 }, errors: errors);
        Rel.AddProfile(euicc.Engine, Rel.IccidFor(1));
        Assert.True(Rel.Download(euicc.Card, Rel.IccidFor(2)).Success);
        var before = euicc.Engine.Profiles.Count;
        var result = Rel.Download(euicc.Card, Rel.IccidFor(3));
        Assert.False(result.Success);
        Assert.Equal(10, result.ErrorCode); // installFailedDueToInsufficientMemoryForProfile
        Assert.Equal(2, result.BppCommandId); // at StoreMetadata, before any profile element is loaded
        Assert.Equal(before, euicc.Engine.Profiles.Count);
        Assert.Throws<InvalidOperationException>(() => Rel.AddProfile(euicc.Engine, Rel.IccidFor(4)));
        Assert.Equal(before, euicc.Engine.Profiles.Count);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_full_notification_list_refuses_profile_operations_with_undefinedError()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(options: new CardOptions { MaxPendingNotifications = 3 }, errors: errors);
        var a = Rel.IccidFor(1);
        Rel.AddProfile(euicc.Engine, a, All);
        Rel.SelectIsdR(euicc.Card);
        string Enable() => Convert.ToHexString(Rel.Es10(euicc.Card, $"BF3111A00C5A0A{Rel.Swapped(a)}810100").Data);
        string Disable() => Convert.ToHexString(Rel.Es10(euicc.Card, $"BF3211A00C5A0A{Rel.Swapped(a)}810100").Data);
        Assert.Equal("BF3103800100", Enable());
        Assert.Equal("BF3203800100", Disable());
        Assert.Equal("BF3103800100", Enable());
        var before = Rel.Digest(euicc.Store);
        Assert.Equal("BF320380017F", Disable()); // undefinedError: no room for its notification
        Assert.Equal(before, Rel.Digest(euicc.Store));
        Assert.Equal(3, euicc.Engine.PendingProfileNotifications);
        // A download is refused too, its result is returned but not kept; the sequence number still moves on.
        var seq = euicc.Engine.Settings.LastSeqNumber;
        var result = Rel.Download(euicc.Card, Rel.IccidFor(2));
        Assert.Equal(10, result.ErrorCode);
        Assert.NotNull(result.ProfileInstallationResult);
        Assert.Equal(3, euicc.Engine.PendingProfileNotifications);
        Assert.True(euicc.Engine.Settings.LastSeqNumber > seq);
        // Acknowledging one makes room again.
        var first = euicc.Engine.ProfileNotifications.First().SeqNumber;
        Assert.Equal("BF3003800100", Convert.ToHexString(Rel.Es10(euicc.Card, Rel.RemoveNotification(first)).Data));
        Assert.Equal("BF3203800100", Disable());
        Assert.Empty(errors);
    }

    [Fact]
    public void A_full_package_result_list_refuses_packages_without_effect()
    {
        var errors = new List<Exception>();
        using var euicc = Rel.NewCard(options: new CardOptions { MaxPendingPackageResults = 2 }, errors: errors);
        var a = Rel.IccidFor(1);
        Rel.AddProfile(euicc.Engine, a);
        Rel.SelectIsdR(euicc.Card);
        using var eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(Rel.Eid), AssociationToken = null });
        Assert.True(eim.AcceptAddInitialEimResponse(Rel.Es10(euicc.Card, TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })).Data).IsOk);
        eim.TrustEuiccCertificate(Rel.Identity.SigningChains[0].EuiccCertificate);
        EuiccPackageResultInfo Send(Psmo psmo)
        {
            var request = eim.BuildEuiccPackage([psmo]);
            var r = Rel.Es10(euicc.Card, request.Encoded);
            if (r.Sw >> 8 == 0x91)
            {
                euicc.Card.Transmit([0x80, 0x12, 0, 0, (byte)r.Sw]);
                euicc.Card.Transmit(Convert.FromHexString("801400000C810301010402028281830100"));
            }
            return eim.VerifyEuiccPackageResult(r.Data, request);
        }
        Assert.True(Send(Psmo.Enable(Iccid.Parse(a))).AllOk);
        Assert.True(Send(Psmo.Disable(Iccid.Parse(a))).AllOk);
        var before = Rel.Digest(euicc.Store);
        var refused = Send(Psmo.Enable(Iccid.Parse(a)));
        Assert.Equal(EuiccPackageResultKind.SignedError, refused.Kind);
        Assert.Equal(127, refused.ErrorCode);
        Assert.Equal(before, Rel.Digest(euicc.Store)); // counter unchanged, nothing enabled, nothing kept
        var oldest = euicc.Engine.PackageResults.First().SeqNumber;
        Rel.Es10(euicc.Card, Rel.RemoveNotification(oldest));
        Assert.True(Send(Psmo.Enable(Iccid.Parse(a))).AllOk);
        Assert.Empty(errors);
    }

    [Fact]
    public void EUICCInfo2_reports_free_profile_memory_and_installed_count()
    {
        using var euicc = Rel.NewCard(options: new CardOptions { ProfileMemory = 100_000 });
        Rel.SelectIsdR(euicc.Card);
        var hex = Convert.ToHexString(Rel.Es10(euicc.Card, "BF2200").Data);
        Assert.Contains("840D8101008204000186A0", hex, StringComparison.Ordinal); // 0 installed, 100 000 bytes free
    }
}
