using System.Formats.Asn1;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.CardOs;

/// <summary>
/// The card operating system: logical channels, SELECT, response chaining and the CAT session.
/// The only place where exceptions become status words.
/// </summary>
public sealed class EuiccCard : ICard
{
    private const byte InsSelect = 0xA4;
    private const byte InsManageChannel = 0x70;
    private const byte InsGetResponse = 0xC0;
    private const byte InsFetch = 0x12;
    private const byte InsTerminalResponse = 0x14;
    private const byte InsTerminalProfile = 0x10;
    private const byte InsTerminalCapability = 0xAA;
    private const byte InsStatus = 0xF2;

    private readonly Lock _lock = new();
    private readonly CardOptions _options;
    private readonly IReadOnlyList<CardApplication> _applications;
    private readonly LogicalChannel?[] _channels;
    private readonly byte[] _atr;
    private readonly Action<Exception>? _onInternalError;
    private readonly Uicc.UiccCommands? _uicc;
    private const byte GsmClass = 0xA0;

    internal EuiccCard(CardOptions options, IReadOnlyList<CardApplication> applications, ProactiveSession proactive,
        Action<Exception>? onInternalError = null, Uicc.UiccCommands? uicc = null)
    {
        _uicc = uicc;
        _options = options;
        _applications = applications;
        Proactive = proactive;
        _onInternalError = onInternalError;
        _atr = options.Atr ?? CardOs.Atr.Default();
        _channels = new LogicalChannel?[Math.Clamp(options.LogicalChannels, 1, ClassByte.MaxChannels)];
        ResetVolatileState();
    }

    internal ProactiveSession Proactive { get; }

    /// <summary>Raised after power-on and reset, when volatile state has been cleared.</summary>
    internal event Action? Resetting;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Atr => _atr;

    /// <inheritdoc />
    public void PowerOn() => ResetLocked();

    /// <inheritdoc />
    public void PowerOff() => ResetLocked();

    /// <inheritdoc />
    public void Reset() => ResetLocked();

    /// <inheritdoc />
    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        lock (_lock)
        {
            try
            {
                var command = CommandApdu.Parse(commandApdu);
                return Process(command);
            }
            catch (CardException e)
            {
                return Sw(e.StatusWord);
            }
            catch (AsnContentException)
            {
                return Sw(StatusWord.IncorrectData);
            }
            catch (IOException)
            {
                // The commit failed before it took effect (the engine keeps memory as the store has it).
                return Sw(StatusWord.MemoryFailure);
            }
#pragma warning disable CA1031 // the card answers every APDU: nothing may escape the boundary
            catch (Exception e)
#pragma warning restore CA1031
            {
                _onInternalError?.Invoke(e);
                return Sw(StatusWord.NoPreciseDiagnosis);
            }
        }
    }

    private byte[] Process(CommandApdu command)
    {
        _uicc?.Runtime.Observe();
        if (command.Cla == GsmClass && _uicc is not null) return ProcessGsm(command);
        var cla = ClassByte.Decode(command.Cla);
        if (cla.Channel >= _channels.Length || _channels[cla.Channel] is not { } channel)
            throw new CardException(StatusWord.LogicalChannelNotSupported);

        if (command.Ins == InsGetResponse)
        {
            // Some real cards accept only one GET RESPONSE class; the default accepts 0X and 8X alike.
            if (_options.GetResponseClass == GetResponseClass.InterindustryOnly && cla.Proprietary
                || _options.GetResponseClass == GetResponseClass.ProprietaryOnly && !cla.Proprietary)
            {
                throw new CardException(StatusWord.ClaNotSupported);
            }

            return GetResponse(channel, command);
        }
        channel.ClearPending(); // ISO 7816-4 §5.3.4: any other command drops unfetched response bytes

        switch (command.Ins)
        {
            case InsManageChannel:
                RequireInterindustry(cla);
                return ManageChannel(channel, command);
            case InsSelect:
                RequireInterindustry(cla);
                return Select(channel, command);
            case InsFetch:
                RequireProprietary(cla);
                return Fetch(channel, command);
            case InsTerminalResponse:
                RequireProprietary(cla);
                if (!Proactive.TerminalResponse()) throw new CardException(StatusWord.ConditionsOfUseNotSatisfied);
                return Respond(channel, [], command.Le);
            case InsTerminalProfile:
                RequireProprietary(cla);
                if (command.P1 != 0 || command.P2 != 0) throw new CardException(StatusWord.IncorrectP1P2);
                Proactive.TerminalProfile(command.Data.Span);
                return Respond(channel, [], command.Le);
            case InsTerminalCapability:
                RequireProprietary(cla);
                return Respond(channel, [], command.Le);
            case InsStatus:
                RequireProprietary(cla);
                if (command.P1 > 0x02 || command.P2 is not (0x00 or 0x01 or 0x0C))
                    throw new CardException(StatusWord.IncorrectP1P2);
                // With no application selected on the channel, STATUS reports the current DF of the file system.
                if (channel.Selected is null && _uicc?.Selection(channel) is not null)
                    return Respond(channel, _uicc.Status(channel, command), command.Le);
                return Respond(channel, [], command.Le);
        }

        if (channel.Selected is null && _uicc is not null && Uicc.UiccCommands.Handles(command.Ins))
            return Respond(channel, _uicc.Process(channel, command), command.Le);
        var app = channel.Selected ?? throw new CardException(StatusWord.InsNotSupported);
        var response = app.Process(channel, cla, command);
        return Respond(channel, response.Data, command.Le);
    }

    // ISO 7816-4 §7.1.2
    private byte[] ManageChannel(LogicalChannel channel, CommandApdu command)
    {
        if (!command.Data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        switch (command.P1)
        {
            case 0x00:
                int number;
                if (command.P2 == 0)
                {
                    number = Array.FindIndex(_channels, 1, c => c is null);
                    if (number < 0) throw new CardException(StatusWord.FunctionNotSupported, "no free logical channel");
                }
                else
                {
                    number = command.P2;
                    if (number >= _channels.Length) throw new CardException(StatusWord.LogicalChannelNotSupported);
                    if (_channels[number] is not null) throw new CardException(StatusWord.FunctionNotSupported, "channel already open");
                }
                var opened = new LogicalChannel(number, _options.MaxRequestSize);
                // Opened from a non-basic channel, the new channel inherits that channel's selection.
                if (channel.Number != 0) opened.Selected = channel.Selected;
                _channels[number] = opened;
                return command.P2 == 0 ? Respond(channel, [(byte)number], command.Le) : Respond(channel, [], command.Le);
            case 0x80:
                var target = command.P2 == 0 ? channel.Number : command.P2;
                if (target == 0) throw new CardException(StatusWord.IncorrectP1P2, "the basic channel cannot be closed");
                if (target >= _channels.Length || _channels[target] is not { } closing)
                    throw new CardException(StatusWord.LogicalChannelNotSupported);
                closing.Reset();
                _channels[target] = null;
                return target == channel.Number ? Sw(StatusWord.Ok) : Respond(channel, [], command.Le);
            default:
                throw new CardException(StatusWord.IncorrectP1P2);
        }
    }

    // ISO 7816-4 §7.1.1; GP Card Spec §11.9
    private byte[] Select(LogicalChannel channel, CommandApdu command)
    {
        switch (command.P1)
        {
            case 0x04:
                break;
            case 0x00 or 0x01 or 0x03 or 0x08 or 0x09:
                return SelectFile(channel, command);
            case 0x02:
                throw new CardException(StatusWord.FileOrApplicationNotFound, "no EF selection by P1 02");
            default:
                throw new CardException(StatusWord.IncorrectP1P2);
        }
        if ((command.P2 & 0x03) == 0x02) throw new CardException(StatusWord.FileOrApplicationNotFound); // next occurrence
        if (command.P2 is not (0x00 or 0x04 or 0x0C)) throw new CardException(StatusWord.IncorrectP1P2);
        var name = command.Data.Span;
        if (name.Length is < 5 or > 16) throw new CardException(StatusWord.WrongLength);

        CardApplication? found = null;
        foreach (var app in _applications)
        {
            if (app.Aid.SequenceEqual(name)) { found = app; break; }
            if (found is null && app.Aid.StartsWith(name)) found = app; // right-truncated DF name
        }
        if (found is null) return SelectFile(channel, command); // an ADF of the presented profile (EF.DIR)

        channel.Selected?.Deselect(channel);
        channel.StoreData.Clear();
        channel.Selected = found;
        return command.P2 == 0x0C ? Sw(FinalStatus()) : Respond(channel, found.Fci(), command.Le);
    }

    // ETSI TS 102 221 §11.1.1: a file or ADF of the enabled profile; the channel leaves its application.
    private byte[] SelectFile(LogicalChannel channel, CommandApdu command)
    {
        if (_uicc is null) throw new CardException(StatusWord.FileOrApplicationNotFound, "no file system on this card");
        var fcp = _uicc.Select(channel, command);
        channel.Selected?.Deselect(channel);
        channel.StoreData.Clear();
        channel.Selected = null;
        return Respond(channel, fcp, command.Le);
    }

    // 3GPP TS 51.011 §9: the GSM class on the basic channel; response data announced with 9Fxx.
    private byte[] ProcessGsm(CommandApdu command)
    {
        var channel = _channels[0]!;
        if (command.Ins == InsGetResponse)
        {
            if (command.P1 != 0 || command.P2 != 0) throw new CardException(new StatusWord(0x6B00));
            if (channel.PendingRemaining == 0) throw new CardException(new StatusWord(0x6F00), "no response data");
            var le = command.Le ?? 256;
            if (le > channel.PendingRemaining) throw new CardException(new StatusWord((ushort)(0x6700 | channel.PendingRemaining)));
            return WithStatus(channel.TakePending(le), StatusWord.Ok);
        }
        channel.ClearPending();
        byte[] data;
        switch (command.Ins)
        {
            case InsSelect:
                if (command.P1 != 0 || command.P2 != 0) throw new CardException(new StatusWord(0x6B00));
                data = _uicc!.Select(channel, command, gsm: true);
                channel.Selected?.Deselect(channel);
                channel.Selected = null;
                channel.SetPending(data, 0);
                return Sw(new StatusWord((ushort)(0x9F00 | data.Length)));
            case InsStatus:
                var sel = _uicc!.Selection(channel) ?? throw new CardException(StatusWord.FileOrApplicationNotFound);
                var status = _uicc.Select(channel, new CommandApdu(GsmClass, InsSelect, 0, 0,
                    new[] { (byte)(sel.Df!.Fid >> 8), (byte)sel.Df.Fid }, null), gsm: true);
                return WithStatus(status.AsSpan(0, Math.Min(command.Le ?? 256, status.Length)), StatusWord.Ok);
            case Uicc.UiccCommands.InsAuthenticate:
                // RUN GSM ALGORITHM is case 4: SRES || Kc announced with 9F0C, fetched with GET RESPONSE.
                data = _uicc!.Process(channel, command, gsm: true);
                channel.SetPending(data, 0);
                return Sw(new StatusWord((ushort)(0x9F00 | data.Length)));
            default:
                if (!Uicc.UiccCommands.Handles(command.Ins)) throw new CardException(StatusWord.InsNotSupported);
                data = _uicc!.Process(channel, command, gsm: true);
                return WithStatus(data, StatusWord.Ok);
        }
    }

    private byte[] GetResponse(LogicalChannel channel, CommandApdu command)
    {
        if (command.P1 != 0 || command.P2 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        if (!command.Data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        if (channel.PendingRemaining == 0) throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "no response data");
        var chunk = channel.TakePending(command.Le ?? 256);
        return WithStatus(chunk, channel.PendingRemaining > 0 ? StatusWord.BytesAvailable(channel.PendingRemaining) : FinalStatus());
    }

    // ETSI TS 102 221 §10.1.1 FETCH
    private byte[] Fetch(LogicalChannel channel, CommandApdu command)
    {
        if (command.P1 != 0 || command.P2 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        var length = Proactive.PendingLength;
        if (length == 0) throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "no proactive command");
        if (command.Le is { } le && le < length) throw new CardException(new StatusWord((ushort)(0x6C00 | length)));
        return Respond(channel, Proactive.Fetch()!, command.Le ?? length);
    }

    /// <summary>Returns what Le allows now and keeps the rest for GET RESPONSE (61xx).</summary>
    private byte[] Respond(LogicalChannel channel, byte[] data, int? le)
    {
        if (data.Length == 0) return Sw(FinalStatus());
        if (le is null)
        {
            channel.SetPending(data, 0);
            return Sw(StatusWord.BytesAvailable(data.Length));
        }
        var n = Math.Min(le.Value, data.Length);
        if (n < data.Length)
        {
            channel.SetPending(data, n);
            return WithStatus(data.AsSpan(0, n), StatusWord.BytesAvailable(data.Length - n));
        }
        return WithStatus(data, FinalStatus());
    }

    /// <summary>9000, or 91xx while a proactive command waits to be fetched.</summary>
    private StatusWord FinalStatus() =>
        Proactive.PendingLength is var n and > 0 ? StatusWord.ProactiveCommandPending(n) : StatusWord.Ok;

    private static void RequireInterindustry(ClassByte cla)
    {
        if (cla.Proprietary) throw new CardException(StatusWord.ClaNotSupported);
    }

    private static void RequireProprietary(ClassByte cla)
    {
        if (!cla.Proprietary) throw new CardException(StatusWord.ClaNotSupported);
    }

    private static byte[] Sw(StatusWord sw) => [sw.Sw1, sw.Sw2];

    private static byte[] WithStatus(ReadOnlySpan<byte> data, StatusWord sw)
    {
        var output = new byte[data.Length + 2];
        data.CopyTo(output);
        output[^2] = sw.Sw1;
        output[^1] = sw.Sw2;
        return output;
    }

    private void ResetLocked()
    {
        lock (_lock) ResetVolatileState();
    }

    // ISO 7816-3 §6.2: a reset closes every channel but the basic one and clears all volatile state.
    private void ResetVolatileState()
    {
        foreach (var channel in _channels) channel?.Reset();
        Array.Clear(_channels);
        _channels[0] = new LogicalChannel(0, _options.MaxRequestSize);
        Proactive.Clear();
        _uicc?.Runtime.Reset();
        Resetting?.Invoke();
    }
}
