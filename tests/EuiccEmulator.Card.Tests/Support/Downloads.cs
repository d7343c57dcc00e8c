using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Support;

/// <summary>Runs downloads from the test SM-DP+ into a card through its APDU interface.</summary>
internal static class Downloads
{
    public const string Iccid = "89000123456789012341";

    public static byte[] Upp(string iccid = Iccid, int? size = null) => ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
    {
        Iccid = Rsp.Values.Iccid.Parse(iccid),
        Imsi = "001010000000123",
        K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
        Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        TargetSize = size,
    });

    public static ProfileMetadata Metadata(string iccid = Iccid, ProfileClass profileClass = ProfileClass.Operational,
        PprIds pprs = PprIds.None) => new()
        {
            Iccid = Rsp.Values.Iccid.Parse(iccid),
            ServiceProviderName = "Test Operator",
            ProfileName = "Downloaded " + iccid[^4..],
            ProfileClass = profileClass,
            Pprs = pprs,
            NotificationConfigs = [new NotificationConfig(NotificationEvents.Enable | NotificationEvents.Delete, "smdp.example.com")],
        };

    /// <summary>Opens an LPA session on the card and runs GetEUICCChallenge and AuthenticateServer, which must succeed.</summary>
    public static Es10Client Authenticate(TestCard card, TestSmdp smdp)
    {
        var client = new Es10Client(card.Euicc.Card);
        client.Open();
        var challenge = client.Send([0xBF, 0x2E, 0x00]).Data[5..];
        var authenticated = smdp.VerifyAuthenticateServerResponse(client.Send(smdp.BuildAuthenticateServerRequest(challenge)).Data);
        if (!authenticated.IsOk) throw new InvalidOperationException("AuthenticateServer: " + authenticated.Problem);
        return client;
    }

    public static DownloadResult Run(TestCard card, TestSmdp? smdp = null, DownloadRequest? request = null, int blockSize = 120,
        bool sendLe = false)
    {
        var client = new Es10Client(card.Euicc.Card, new Es10ClientOptions { BlockSize = blockSize, SendLe = sendLe });
        var driver = new DownloadDriver(client, smdp ?? new TestSmdp());
        var result = driver.Run(request ?? new DownloadRequest { Upp = Upp(), Metadata = Metadata() });
        foreach (var step in result.Steps)
        {
            if (step.StatusWord is 0x9000 or >= 0x9100 and <= 0x91FF)
                ResponseRecorder.Record(Convert.ToHexString(step.Response), card.Euicc.Options.IsV10);
        }
        return result;
    }
}
