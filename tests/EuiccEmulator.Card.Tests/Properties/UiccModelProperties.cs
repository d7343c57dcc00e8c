using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Card.Tests.Uicc;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Card.Tests.Properties;

/// <summary>
/// Model-based test of the UICC plane: random sequences of SELECT / READ / UPDATE / VERIFY / AUTHENTICATE, profile
/// switches, card resets and restarts on the store go to a card holding two TS.48 v7 profiles (A enabled, B with its
/// own ICCID and IMSI) and to a model of their file systems and PIN counters. Every status word and every byte read
/// must be the model's (ETSI TS 102 221 §11.1, 3GPP TS 31.102 §7.1.2; files, PIN counters and updates belong to their
/// profile and survive a restart, the PIN verification does not survive a reset or a switch).
/// </summary>
public class UiccModelProperties
{
    [Property(MaxTest = 150)]
    public Property RandomUiccSequences_MatchModel()
    {
        var op = Gen.Frequency(
            (4, Gen.Constant<UiccOp>(new ReadImsi())),
            (3, Gen.Constant<UiccOp>(new VerifyPin(true))),
            (1, Gen.Constant<UiccOp>(new VerifyPin(false))),
            (1, Gen.Constant<UiccOp>(new QueryPin())),
            (2, Gen.Choose(0, 255).Select(b => (UiccOp)new UpdateImsi((byte)b))),
            (1, Gen.Constant<UiccOp>(new AuthenticateWrongMac())),
            (2, Gen.Choose(0, 1).Select(p => (UiccOp)new Switch(p))),
            (1, Gen.Constant<UiccOp>(new Reset())),
            (1, Gen.Constant<UiccOp>(new Restart())));
        var gen = Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(op, n));
        return Prop.ForAll(gen.ToArbitrary(), ops =>
        {
            using var runner = new UiccModelRunner();
            var failure = runner.Run(ops);
            return (failure is null).Label($"{string.Join("; ", ops.Select(o => o.ToString()))}\n{failure}");
        });
    }

    private abstract record UiccOp;

    private sealed record ReadImsi : UiccOp;

    private sealed record VerifyPin(bool Correct) : UiccOp;

    private sealed record QueryPin : UiccOp;

    private sealed record UpdateImsi(byte LastByte) : UiccOp;

    private sealed record AuthenticateWrongMac : UiccOp;

    private sealed record Switch(int Profile) : UiccOp;

    private sealed record Reset : UiccOp;

    private sealed record Restart : UiccOp;

    private sealed class UiccModelRunner : IDisposable
    {
        private const string SelectUsim = "00A4040C0CA0000000871002FF49FF0589";
        private const string SelectImsi = "00A4000C026F07";
        private const string RightPin = "002000010830303030FFFFFFFF";
        private const string WrongPin = "002000010831323334FFFFFFFF";
        private const string VerifyAdm = "0020000A083535353535353535";
        // RAND, then an AUTN whose MAC is zeros: a MAC failure (TS 31.102 §7.1.2.1).
        private const string Authenticate =
            "008800812210" + "00112233445566778899AABBCCDDEEFF" + "10" + "00000000000080000000000000000000";
        private static readonly string[] Iccids = ["89000123456789012341", "89000123456789012358"];

        private readonly List<TestCard> _cards = [];
        private TestCard _card;
        private bool _channelOpen;

        // The model: per profile its IMSI and PIN1 tries; the session's PIN1 verification; the enabled profile.
        private readonly string[] _imsi = ["080910101032547698", "080910101032547618"];
        private readonly int[] _tries = [3, 3];
        private bool _verified;
        private int _enabled;

        public UiccModelRunner()
        {
            _card = ProfileSwitchVisibilityTests.TwoProfiles();
            _cards.Add(_card);
        }

        public string? Run(IEnumerable<UiccOp> ops)
        {
            var step = 0;
            foreach (var op in ops)
            {
                step++;
                var failure = Apply(op);
                if (failure is not null) return $"step {step} ({op}): {failure}";
            }
            return null;
        }

        private string? Apply(UiccOp op)
        {
            switch (op)
            {
                case ReadImsi:
                    return Expect(SelectUsim, "9000") ?? Expect(SelectImsi, "9000")
                        ?? Expect("00B0000009", _verified ? _imsi[_enabled] + "9000" : "6982");
                case VerifyPin { Correct: var correct }:
                {
                    if (Expect(SelectUsim, "9000") is { } f) return f;
                    string sw;
                    if (_tries[_enabled] == 0)
                    {
                        sw = "6983";
                    }
                    else if (correct)
                    {
                        (_tries[_enabled], _verified, sw) = (3, true, "9000");
                    }
                    else
                    {
                        _tries[_enabled]--;
                        _verified = false;
                        sw = _tries[_enabled] == 0 ? "6983" : $"63C{_tries[_enabled]}";
                    }
                    return Expect(correct ? RightPin : WrongPin, sw);
                }
                case QueryPin:
                    return Expect(SelectUsim, "9000") ?? Expect("0020000100",
                        _tries[_enabled] == 0 ? "6983" : _verified ? "9000" : $"63C{_tries[_enabled]}");
                case UpdateImsi { LastByte: var last }:
                {
                    var value = "0809101010325476" + last.ToString("X2");
                    var failure = Expect(SelectUsim, "9000") ?? Expect(SelectImsi, "9000") ?? Expect(VerifyAdm, "9000")
                        ?? Expect("00D6000009" + value, "9000");
                    _imsi[_enabled] = value;
                    return failure;
                }
                case AuthenticateWrongMac:
                    return Expect(SelectUsim, "9000") ?? Expect(Authenticate, _verified ? "9862" : "6982");
                case Switch { Profile: var target }:
                {
                    if (!_channelOpen)
                    {
                        if (Expect("0070000001", "019000") is { } f) return f;
                        _card.SelectIsdR(channel: 1);
                        _channelOpen = true;
                    }
                    var request = $"BF3111A00C5A0A{TestCard.SwappedIccid(Iccids[target])}810100";
                    var (data, sw) = _card.Es10(request, channel: 1);
                    // profileNotInDisabledState (2) when the target is the enabled profile (SGP.22 §5.7.16).
                    var expected = target == _enabled ? "BF3103800102" : "BF3103800100";
                    if (target != _enabled) (_enabled, _verified) = (target, false);
                    return data == expected && sw == "9000" ? null : $"EnableProfile gave {data} {sw}, model {expected} 9000";
                }
                case Reset:
                    _card.Euicc.Card.Reset();
                    (_channelOpen, _verified) = (false, false);
                    return null;
                case Restart:
                    _card = new TestCard(_card.Store);
                    _cards.Add(_card);
                    (_channelOpen, _verified) = (false, false);
                    return null;
                default:
                    return $"unknown operation {op}";
            }
        }

        private string? Expect(string apdu, string response)
        {
            var actual = _card.Transmit(apdu);
            return actual == response ? null : $"{apdu} gave {actual}, model {response}";
        }

        public void Dispose()
        {
            foreach (var card in _cards) card.Dispose();
        }
    }
}
