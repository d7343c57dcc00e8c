using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Download;

/// <summary>Full downloads from the test SM-DP+ through the card's APDU interface.</summary>
public class DownloadTests
{
    [Theory]
    [InlineData(1024, 120, false)]
    [InlineData(1024, 255, false)]
    [InlineData(1024, 120, true)]
    [InlineData(65536, 255, false)]
    [InlineData(65536, 120, true)]
    public void Download_NistSession_InstallsDisabledProfileAndKeepsSignedResult(int size, int blockSize, bool ppk)
    {
        using var card = new TestCard();
        var upp = Downloads.Upp(size: size);
        Assert.Equal(size, upp.Length);
        var result = Downloads.Run(card, request: new DownloadRequest { Upp = upp, Metadata = Downloads.Metadata(), WithPpk = ppk },
            blockSize: blockSize);

        Assert.True(result.Success, result.Problem);
        var profile = Assert.Single(card.Euicc.Engine.Profiles);
        Assert.Equal(Downloads.Iccid, profile.Iccid.Digits);
        Assert.Equal(ProfileState.Disabled, profile.State);
        Assert.Equal(result.IsdpAid, profile.IsdpAid);
        Assert.Equal(TestSmdpOptions.DefaultAddress, profile.Origin);
        Assert.Equal(upp, card.Euicc.Engine.LoadPackage(profile.Iccid));
        // The signed result stays pending until the SM-DP+ acknowledges it.
        var notification = Assert.Single(card.Euicc.Engine.Notifications);
        Assert.Equal(NotificationEvents.Install, notification.Event);
        Assert.Equal(result.ProfileInstallationResult, notification.SignedObject);
        Assert.Empty(card.Errors);
    }

    [Fact]
    public void Download_WithLeOnEveryCommand_Succeeds()
    {
        using var card = new TestCard();
        Assert.True(Downloads.Run(card, sendLe: true).Success);
    }

    [Fact]
    public void Download_BrainpoolSessionUnderPrivateCi_Succeeds()
    {
        var ci = PrivateCiFactory.Create(new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 });
        var identity = CardIdentityFactory.Create(Eid.Parse(TestIdentity.Eid), new CardIdentityOptions { Chains = [ci] });
        using var card = new TestCard(identity: identity);
        var smdp = new TestSmdp(TestSmdpOptions.ForPrivateCi(ci) with { Curve = EcCurve.BrainpoolP256r1 });
        var result = Downloads.Run(card, smdp);
        Assert.True(result.Success, result.Problem);
        Assert.Single(card.Euicc.Engine.Profiles);
    }

    [Fact]
    public void Download_Sgp26BrainpoolSmdp_CardSigningUnderPrivateBrainpoolCi_Succeeds()
    {
        var ci = PrivateCiFactory.Create(new PrivateCiOptions { Curve = EcCurve.BrainpoolP256r1 });
        var identity = CardIdentityFactory.Create(Eid.Parse(TestIdentity.Eid), new CardIdentityOptions { Chains = [ci] });
        using var card = new TestCard(identity: identity);
        // CERT.DPauth/DPpb from the SGP.26 brainpool CI; the card signs with its own brainpool chain.
        var smdp = new TestSmdp(new TestSmdpOptions
        {
            Curve = EcCurve.BrainpoolP256r1,
            EuiccCiPkIdToBeUsed = ci.CiSubjectKeyId.ToArray(),
            CiCertificate = ci.CiCertificate.ToArray(), // to verify the card's chain
        });
        var result = Downloads.Run(card, smdp);
        Assert.True(result.Success, result.Problem);
    }

    [Fact]
    public void Download_AllTs48Packages_Install()
    {
        using var card = new TestCard(options: new CardOptions { ProfileMemory = 16 * 1024 * 1024 });
        // Every TS.48 package, v1 to v7 (the v1 ones mandate javacard: kept, listed, not executed).
        var files = Directory.GetFiles(TestPaths.Ts48, "*.der", SearchOption.AllDirectories);
        Assert.Equal(26, files.Length);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var upp = File.ReadAllBytes(file);
            var imported = ProfileImporter.Import(upp);
            Assert.True(imported.IsSuccess, imported.Error);
            // Most TS.48 packages share one ICCID: each replaces the one before.
            if (card.Euicc.Engine.Find(imported.Profile!.Iccid) is not null)
                Assert.Equal(DeleteResult.Ok, card.Euicc.Engine.Delete(ProfileSelector.ByIccid(imported.Profile!.Iccid)));
            var result = Downloads.Run(card, request: new DownloadRequest
            {
                Upp = upp,
                Metadata = Downloads.Metadata(imported.Profile!.Iccid.Digits),
            });
            Assert.True(result.Success, $"{Path.GetFileName(file)}: {result.Problem}");
            card.Euicc.Card.Reset(); // each download opened a logical channel: the reset closes them
        }
    }
}
