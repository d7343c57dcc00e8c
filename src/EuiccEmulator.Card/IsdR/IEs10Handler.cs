using System.Formats.Asn1;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR;

/// <summary>One ES10 function: the card side of one entry of the ES10 catalogue.</summary>
internal interface IEs10Handler
{
    /// <summary>The function handled: its catalogue entry (request tag, name, interface, section).</summary>
    Es10Function Function { get; }

    /// <summary>Handles one complete request TLV (or one segment of a segmented function) and returns the response.</summary>
    byte[] Handle(Es10Request request, IsdRContext context);
}

/// <summary>A reassembled ES10 request (or BPP segment): the exact bytes received, kept for signatures.</summary>
internal sealed class Es10Request(byte[] raw, Asn1Tag tag)
{
    public byte[] Raw { get; } = raw;

    public Asn1Tag Tag { get; } = tag;

    /// <summary>A reader over the outer TLV's contents.</summary>
    public AsnReader OpenContents()
    {
        var outer = new AsnReader(Raw, AsnEncodingRules.BER);
        var contents = outer.ReadSequence(Tag);
        outer.ThrowIfNotEmpty();
        return contents;
    }
}
