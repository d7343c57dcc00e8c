using System.Formats.Asn1;
using System.Security.Cryptography;
using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Core.State;

namespace EuiccEmulator.Card.Tests.IsdR.Es10c;

public class ProfileRulesTests
{
    private const string A = "89000123456789012341";
    private const string B = "89000123456789012358";

    private static string Enable(string iccid, bool refresh = false) =>
        $"BF3111A00C5A0A{TestCard.SwappedIccid(iccid)}8101{(refresh ? "FF" : "00")}";

    private static string Disable(string iccid, bool refresh = false) =>
        $"BF3211A00C5A0A{TestCard.SwappedIccid(iccid)}8101{(refresh ? "FF" : "00")}";

    private static string Delete(string iccid) => $"BF330C5A0A{TestCard.SwappedIccid(iccid)}";

    [Fact]
    public void Enable_WhileAnotherEnabled_SwitchesSoOnlyOneIsEnabled()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A);
        card.AddProfile(B);
        Assert.Equal("BF3103800100", card.Es10(Enable(A)).Data);
        Assert.Equal("BF3103800100", card.Es10(Enable(B)).Data);
        Assert.Equal([B], card.Euicc.Engine.Profiles.Where(p => p.State == ProfileState.Enabled).Select(p => p.Iccid.Digits));
        Assert.Equal("BF3103800102", card.Es10(Enable(B)).Data); // profileNotInDisabledState
    }

    [Fact]
    public void Enable_CurrentHasPpr1_DisallowedByPolicy()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A, pprs: PprIds.Ppr1DisableNotAllowed);
        card.AddProfile(B);
        Assert.Equal("BF3103800100", card.Es10(Enable(A)).Data);
        Assert.Equal("BF3103800103", card.Es10(Enable(B)).Data);
        Assert.Equal("BF3203800103", card.Es10(Disable(A)).Data);
        Assert.Equal(ProfileState.Enabled, card.Euicc.Engine.Profiles.Single(p => p.Iccid.Digits == A).State);
    }

    [Fact]
    public void Delete_Ppr2_DisallowedByPolicy_Enabled_NotInDisabledState()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A, pprs: PprIds.Ppr2DeleteNotAllowed);
        card.AddProfile(B);
        Assert.Equal("BF3303800103", card.Es10(Delete(A)).Data);
        card.Es10(Enable(B));
        Assert.Equal("BF3303800102", card.Es10(Delete(B)).Data);
        card.Es10(Disable(B));
        Assert.Equal("BF3303800100", card.Es10(Delete(B)).Data);
        Assert.Equal("BF3303800101", card.Es10(Delete(B)).Data);
        Assert.Equal([A], card.Euicc.Engine.Profiles.Select(p => p.Iccid.Digits));
    }

    [Fact]
    public void MemoryReset_Options_DeleteOnlyTheirClassesRegardlessOfPpr()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A, pprs: PprIds.Ppr2DeleteNotAllowed);
        card.AddProfile(B, ProfileClass.Test);
        // Pre-loaded test profiles are not field-loaded: nothing to delete.
        Assert.Equal("BF3403800101", card.Es10("BF340482020640").Data);
        Assert.Equal("BF3403800100", card.Es10("BF340482020780").Data);
        Assert.Equal([B], card.Euicc.Engine.Profiles.Select(p => p.Iccid.Digits));
    }

    [Fact]
    public void Operations_WithNotificationConfig_CreateSignedNotificationsWithIncreasingSequence()
    {
        using var card = new TestCard().SelectIsdR();
        var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
        card.AddProfile(A, notifications: [new NotificationConfig(all, "smdp.example.com")]);
        card.AddProfile(B, notifications: [new NotificationConfig(NotificationEvents.Enable, "b.example.com")]);
        card.Es10(Enable(A));
        card.Es10(Enable(B)); // implicit disable of A, enable of B
        card.Es10(Disable(B)); // B has no disable address
        card.Es10(Delete(A));

        var list = card.Es10("BF2800").Data;
        // seq 1 enable A, 2 disable A, 3 enable B, 4 delete A
        Assert.Equal(
            Tlv("BF28", Tlv("A0", Meta(1, "0640", "smdp.example.com", A) + Meta(2, "0520", "smdp.example.com", A)
                + Meta(3, "0640", "b.example.com", B) + Meta(4, "0410", "smdp.example.com", A))),
            list);
        Assert.Equal(Tlv("BF28", Tlv("A0", Meta(1, "0640", "smdp.example.com", A) + Meta(3, "0640", "b.example.com", B))),
            card.Es10("BF280481020640").Data);

        var signed = Convert.FromHexString(card.Es10("BF2B05A003800102").Data);
        var notification = ParseSingleSigned(signed);
        Assert.Equal(Meta(2, "0520", "smdp.example.com", A), Convert.ToHexString(notification.Metadata));
        Assert.True(TestIdentity.EuiccPublicKey.VerifyData(notification.Metadata, notification.Signature,
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(TestIdentity.Identity.SigningChains[0].EuiccCertificate, notification.EuiccCert);
        Assert.Equal(TestIdentity.Identity.SigningChains[0].EumCertificate, notification.EumCert);

        Assert.Equal("BF3003800100", card.Es10("BF3003800102").Data);
        Assert.Equal("BF3003800101", card.Es10("BF3003800102").Data);
        Assert.Equal(3, card.Euicc.Engine.Notifications.Count());
    }

    /// <summary>Hex TLV with a DER length (short or one-byte long form).</summary>
    private static string Tlv(string tag, string valueHex)
    {
        var n = valueHex.Length / 2;
        return tag + (n < 0x80 ? $"{n:X2}" : $"81{n:X2}") + valueHex;
    }

    private static string Meta(int seq, string eventBits, string address, string iccid) =>
        Tlv("BF2F", Tlv("80", $"{seq:X2}") + Tlv("81", eventBits)
            + Tlv("0C", Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(address)))
            + Tlv("5A", TestCard.SwappedIccid(iccid)));

    private static (byte[] Metadata, byte[] Signature, byte[] EuiccCert, byte[] EumCert) ParseSingleSigned(byte[] response)
    {
        var reader = new AsnReader(response, AsnEncodingRules.DER);
        var list = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 43, true))
            .ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        var item = list.ReadSequence();
        Assert.False(list.HasData);
        var metadata = item.ReadEncodedValue().ToArray();
        var signature = item.ReadOctetString(new Asn1Tag(TagClass.Application, 55));
        var euicc = item.ReadEncodedValue().ToArray();
        var eum = item.ReadEncodedValue().ToArray();
        Assert.False(item.HasData);
        return (metadata, signature, euicc, eum);
    }

    [Fact]
    public void Enable_WithRefreshFlag_Gives91xxThenFetchReturnsRefresh()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A);
        var (data, sw) = card.Es10(Enable(A, refresh: true));
        Assert.Equal("BF3103800100", data);
        Assert.Equal("910B", sw);
        Assert.Equal("D009810301010482028182" + "9000", card.Transmit("801200000B"));
        // A second switch while the CAT session is open: catBusy.
        Assert.Equal("BF3203800105", card.Es10(Disable(A, refresh: true)).Data);
        Assert.Equal("9000", card.Transmit("801400000C810301010402028281830100"));
        Assert.Equal(("BF3203800100", "910B"), card.Es10(Disable(A, refresh: true)));
    }

    // CardOptions.ProactiveAfterTerminalProfile: a host that sent no TERMINAL PROFILE gets 9000 and no CAT session;
    // once it has, the REFRESH is queued as usual. A reset forgets the terminal profile.
    [Fact]
    public void Enable_WithRefreshFlag_QueuesRefreshOnlyAfterTerminalProfile_WhenSoConfigured()
    {
        using var card = new TestCard(options: new EuiccEmulator.Card.CardOs.CardOptions { ProactiveAfterTerminalProfile = true }).SelectIsdR();
        card.AddProfile(A);
        Assert.Equal(("BF3103800100", "9000"), card.Es10(Enable(A, refresh: true)));
        Assert.Equal("6985", card.Transmit("801200000B"));
        // No CAT session was opened, so the next switch is not catBusy.
        Assert.Equal(("BF3203800100", "9000"), card.Es10(Disable(A, refresh: true)));

        Assert.Equal("9000", card.Transmit("8010000003FFFFFF"));
        Assert.Equal(("BF3103800100", "910B"), card.Es10(Enable(A, refresh: true)));
        Assert.Equal("D009810301010482028182" + "9000", card.Transmit("801200000B"));
    }

    [Fact]
    public void Enable_WithRefreshFlagAndLe_ReturnsDataWith91xx()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A);
        Assert.Equal(("BF3103800100", "910B"), card.Es10(Enable(A, refresh: true), withLe: true));
        Assert.Equal("6C0B", card.Transmit("8012000005"));
        Assert.Equal("D009810301010482028182" + "9000", card.Transmit("8012000000"));
    }

    [Fact]
    public void RefreshQualifier_IsConfigurable()
    {
        using var card = new TestCard(options: new Card.CardOs.CardOptions { RefreshQualifier = 0x09 }).SelectIsdR();
        card.AddProfile(A);
        card.Es10(Enable(A, refresh: true));
        Assert.Equal("D009810301010982028182" + "9000", card.Transmit("801200000B"));
    }

    [Fact]
    public void Reset_DropsPendingProactiveCommand_ButKeepsState()
    {
        using var card = new TestCard().SelectIsdR();
        card.AddProfile(A);
        card.Es10(Enable(A, refresh: true));
        card.Euicc.Card.Reset();
        Assert.Equal("6985", card.Transmit("801200000B"));
        Assert.Equal(ProfileState.Enabled, card.Euicc.Engine.Profiles.Single().State);
    }
}
