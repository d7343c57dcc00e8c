using EuiccEmulator.Card;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Reliability.Tests.Crash;

/// <summary>
/// The process the crash harness kills: a card on a LiteDB store running a random workload forever (downloads,
/// eIM packages, enable/disable/delete, memory reset, notification removal), journaling every step on stdout.
/// </summary>
internal static class CrashChild
{
    public static CardOptions Options => new() { MaxProfiles = 6, MaxPendingNotifications = 40, MaxPendingPackageResults = 12 };

    public static int Run(string storePath, int seed)
    {
        var journal = new Journal(Console.OpenStandardOutput());
        var random = new Random(seed);
        using var lite = LiteDbCardStore.Open(storePath);
        var identity = lite.LoadIdentity() ?? throw new InvalidOperationException("the harness creates the identity");
        using var euicc = new VirtualEuicc(new JournalingStore(lite, journal), identity, Options, seed: null,
            e => journal.Line("INTERNAL " + e.GetType().Name + " " + e.Message.ReplaceLineEndings(" ")));
        var card = new TracingCard(euicc.Card, journal);
        card.PowerOn();
        var smdp = new TestSmdp();
        using var eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(identity.Eid), AssociationToken = null });
        eim.TrustEuiccCertificate(identity.SigningChains[0].EuiccCertificate);
        var engine = euicc.Engine;
        journal.Line("READY " + Rel.Digest(lite));
        for (var step = 0; ; step++)
        {
            Rel.SelectIsdR(card);
            var choice = random.Next(100);
            var eimRecord = engine.FindEim(eim.EimId);
            if (eimRecord is null)
            {
                journal.Line("OP addeim");
                var response = Rel.Es10(card, TestEim.BuildAddInitialEimRequest(
                    eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })).Data;
                if (!eim.AcceptAddInitialEimResponse(response).IsOk) journal.Line("FAIL addeim");
            }
            else if ((choice < 30 || engine.Profiles.Count == 0) && engine.Profiles.Count < Options.MaxProfiles
                && engine.PendingProfileNotifications < Options.MaxPendingNotifications - 2)
            {
                var iccid = Rel.IccidFor(engine.Settings.LastIsdpNumber * 7 + random.Next(1000));
                if (engine.Find(Iccid.Parse(iccid)) is not null) continue;
                journal.Line("OP download " + iccid);
                var result = Rel.Download(card, iccid, blockSize: random.Next(60, 256), smdp: smdp);
                journal.Line(result.Success ? "R download ok" : "R download failed " + result.Problem?.ReplaceLineEndings(" "));
            }
            else if (choice < 55 && engine.Profiles.Count > 0)
            {
                eim.AssociationToken = eimRecord.AssociationToken;
                eim.LastCounter = eimRecord.Counter;
                if (engine.PackageResults.Count() >= Options.MaxPendingPackageResults - 1)
                {
                    var oldest = engine.PackageResults.First().SeqNumber;
                    journal.Line("OP remove-epr " + oldest);
                    Rel.Es10(card, Rel.RemoveNotification(oldest));
                    continue;
                }
                var profile = engine.Profiles[random.Next(engine.Profiles.Count)];
                var psmo = random.Next(3) switch
                {
                    0 => Psmo.Enable(profile.Iccid),
                    1 => Psmo.Disable(profile.Iccid),
                    _ => Psmo.Delete(profile.Iccid),
                };
                var request = eim.BuildEuiccPackage([psmo]);
                journal.Line($"OP package {psmo.Kind} counter {request.CounterValue}");
                var response = Rel.Es10(card, request.Encoded);
                journal.Line($"PKG {request.CounterValue} {Convert.ToHexString(request.Encoded)}");
                CompleteRefresh(card, response.Sw);
            }
            else if (choice < 75 && engine.Profiles.Count > 0)
            {
                var profile = engine.Profiles[random.Next(engine.Profiles.Count)];
                var (tag, name) = random.Next(3) switch { 0 => ("BF31", "enable"), 1 => ("BF32", "disable"), _ => ("BF33", "delete") };
                var body = $"5A0A{Rel.Swapped(profile.Iccid.Digits)}";
                var hex = tag == "BF33" ? $"BF330C{body}" : $"{tag}11A00C{body}810100";
                journal.Line($"OP {name} {profile.Iccid.Digits}");
                var response = Rel.Es10(card, hex);
                CompleteRefresh(card, response.Sw);
            }
            else if (choice < 95)
            {
                var pending = engine.ProfileNotifications.ToList();
                if (pending.Count == 0) continue;
                var seq = pending[random.Next(pending.Count)].SeqNumber;
                journal.Line("OP remove " + seq);
                Rel.Es10(card, Rel.RemoveNotification(seq));
            }
            else
            {
                journal.Line("OP memory-reset");
                Rel.Es10(card, "BF340482020780");
            }
            journal.Line($"N {string.Join(',', engine.Notifications.Select(n => n.SeqNumber))} S {engine.Settings.LastSeqNumber}");
        }
    }

    private static void CompleteRefresh(ICard card, ushort sw)
    {
        if (sw >> 8 != 0x91) return;
        card.Transmit([0x80, 0x12, 0x00, 0x00, (byte)sw]);
        card.Transmit(Convert.FromHexString("801400000C810301010402028281830100"));
    }
}

/// <summary>Journals "A" before each APDU, so the harness can tell where in a multi-APDU flow a kill landed.</summary>
internal sealed class TracingCard(ICard inner, Journal journal) : ICard
{
    public ReadOnlyMemory<byte> Atr => inner.Atr;

    public void PowerOn() => inner.PowerOn();

    public void PowerOff() => inner.PowerOff();

    public void Reset() => inner.Reset();

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        journal.Line("A");
        return inner.Transmit(commandApdu);
    }
}
