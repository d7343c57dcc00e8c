using System.Collections.Frozen;
using System.Formats.Asn1;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR;

/// <summary>The ISD-R: STORE DATA reassembly and ES10 dispatch on the request's outer tag.</summary>
// SGP.22 §5.7.2: ES10 commands are STORE DATA to the ISD-R.
internal sealed class IsdRApplication : CardApplication
{
    private const byte InsStoreData = 0xE2;
    private readonly FrozenDictionary<int, IEs10Handler> _handlers;

    public IsdRApplication(IsdRContext context, IEnumerable<IEs10Handler> handlers)
    {
        Context = context;
        _handlers = handlers.ToFrozenDictionary(h => h.Function.Tag);
    }

    public IsdRContext Context { get; }

    /// <summary>The request tags of the functions this card implements, the segmented BPP included.</summary>
    public IReadOnlyCollection<int> SupportedTags => _handlers.Keys;

    public override ReadOnlySpan<byte> Aid => Aids.IsdR;

    // docs/transport.md#select-and-the-isd-r-fci: 6F { 84 AID, A5 { 9F65 max data length }, E0 { 82 svn }, E1 { 80 euiccConfiguration } }
    public override byte[] Fci()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Tags.App(15, constructed: true)))
        {
            writer.WriteOctetString(Aids.IsdR, Tags.Ctx(4));
            using (writer.PushSequence(Tags.Ctx(5, constructed: true)))
                writer.WriteEncodedValue((byte[])[0x9F, 0x65, 0x01, 0xFF]);
            using (writer.PushSequence(Tags.Priv(0, constructed: true))) // ISDRProprietaryApplicationTemplate
                writer.WriteOctetString(Context.Options.Svn, Tags.Ctx(2));
            if (Context.Options.Iot)
            {
                using (writer.PushSequence(Tags.Priv(1, constructed: true))) // ISDRProprietaryApplicationTemplateIoT
                {
                    var configuration = Context.Engine.EnabledProfile is null
                        ? EuiccConfiguration.None
                        : EuiccConfiguration.EnabledProfile;
                    writer.WriteNamedBitList(configuration, Tags.Ctx(0));
                }
            }
        }
        return writer.Encode();
    }

    public override AppResponse Process(LogicalChannel channel, ClassByte cla, CommandApdu command)
    {
        if (command.Ins != InsStoreData) throw new CardException(StatusWord.InsNotSupported);
        if (!cla.Proprietary) throw new CardException(StatusWord.ClaNotSupported);
        var request = channel.StoreData.Add(command.P1, command.P2, command.Data.Span);
        return request is null ? AppResponse.Empty : new AppResponse(Dispatch(request));
    }

    /// <summary>Runs one complete ES10 request TLV, or one BPP segment; a malformed request gives 6A80.</summary>
    public byte[] Dispatch(byte[] request)
    {
        // SGP.22 §2.5.5: BPP segments are not complete TLVs (BF36 header + BF23, A1/A3 headers): a segmented
        // function gets them as they come, by its own tag or by the leading tag of a later segment.
        if (DerHeader.TryReadTag(request, out var leading, out _) == DerHeaderStatus.Ok)
        {
            var segmented = _handlers.GetValueOrDefault(leading) is { Function.Segmented: true } first ? first
                : Es10Catalogue.FindContinuation(leading) is { } owner ? _handlers.GetValueOrDefault(owner.Tag) : null;
            if (segmented is not null) return segmented.Handle(new Es10Request(request, Asn1Tag.Decode(request, out _)), Context);
        }
        Asn1Tag tag;
        try
        {
            tag = Asn1Tag.Decode(request, out _);
            AsnDecoder.ReadEncodedValue(request, AsnEncodingRules.BER, out _, out _, out var consumed);
            if (consumed != request.Length) throw new CardException(StatusWord.IncorrectData, "trailing bytes after the request");
        }
        catch (AsnContentException)
        {
            throw new CardException(StatusWord.IncorrectData, "request is not one BER-TLV");
        }
        var wire = Tags.WireTag(tag);
        if (!_handlers.TryGetValue(wire, out var handler) || handler.Function.Segmented)
            throw new CardException(StatusWord.IncorrectData, "unknown ES10 function");
        if (Context.Es10bLocked && handler.Function.Interface == Es10Interface.Es10b)
            throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "ES10b refused after a profile switch until reset");
        return handler.Handle(new Es10Request(request, tag), Context);
    }

    // SGP.32 §3.8.4 ISDRProprietaryApplicationTemplateIoT.euiccConfiguration
    [Flags]
    private enum EuiccConfiguration
    {
        None = 0,
        IpaeSupported = 1 << 0,
        EnabledProfile = 1 << 1,
    }
}
