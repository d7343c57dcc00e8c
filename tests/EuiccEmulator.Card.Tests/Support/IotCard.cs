using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Support;

/// <summary>An IoT card with an eIM associated through AddInitialEim, driven over APDUs.</summary>
internal sealed class IotCard : IDisposable
{
    public const string A = "89000123456789012341";
    public const string B = "89000123456789012358";
    public const string Emergency = "89000123456789012366";

    public IotCard(CardOptions? options = null, ICardStore? store = null, TestEimOptions? eimOptions = null, bool associate = true)
    {
        Card = new TestCard(store, options);
        Client = new Es10Client(Card.Euicc.Card);
        Client.Open();
        Eim = new TestEim((eimOptions ?? new TestEimOptions()) with { Eid = Eid.Parse(TestIdentity.Eid), AssociationToken = null });
        if (associate)
        {
            var response = Send(TestEim.BuildAddInitialEimRequest(
                Eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken }));
            var added = Eim.AcceptAddInitialEimResponse(response);
            if (!added.IsOk) throw new InvalidOperationException("AddInitialEim failed: " + Convert.ToHexString(response));
            Eim.TrustEuiccCertificate(TestIdentity.Identity.SigningChains[0].EuiccCertificate);
        }
    }

    public TestCard Card { get; }

    public Es10Client Client { get; }

    public TestEim Eim { get; }

    public CardEngine Engine => Card.Euicc.Engine;

    public ProfileRecord AddProfile(string iccid, bool fallbackAllowed = false, bool ecall = false)
    {
        var profile = Card.AddProfile(iccid,
            notifications: [new NotificationConfig(NotificationEvents.Enable | NotificationEvents.Disable, "n.example")]);
        if (fallbackAllowed || ecall) Engine.UpdateProfile(profile with { FallbackAllowed = fallbackAllowed, EcallIndication = ecall });
        return Engine.Find(profile.Iccid)!;
    }

    public ProfileState State(string iccid) => Engine.Find(Iccid.Parse(iccid))!.State;

    public byte[] Send(byte[] request)
    {
        var response = Client.Send(request);
        if (!response.IsSuccess) throw new InvalidOperationException($"SW {response.StatusWord:X4} for {Convert.ToHexString(request)}");
        ResponseRecorder.Record(Convert.ToHexString(response.Data), Card.Euicc.Options.IsV10);
        // A PSMO switch leaves a REFRESH to fetch; play the terminal's part.
        if (response.StatusWord >> 8 == 0x91)
        {
            Card.Transmit($"80120000{response.StatusWord & 0xFF:X2}");
            Card.Transmit("801400000C810301010402028281830100");
        }
        return response.Data;
    }

    public EuiccPackageResultInfo Package(IEnumerable<Psmo> psmos, EimFaults? faults = null)
    {
        var request = Eim.BuildEuiccPackage(psmos, faults: faults);
        return Eim.VerifyEuiccPackageResult(Send(request.Encoded), request);
    }

    public EuiccPackageResultInfo Package(IEnumerable<Eco> ecos, EimFaults? faults = null)
    {
        var request = Eim.BuildEuiccPackage(ecos, faults: faults);
        return Eim.VerifyEuiccPackageResult(Send(request.Encoded), request);
    }

    public void Dispose()
    {
        Eim.Dispose();
        Card.Dispose();
    }
}
