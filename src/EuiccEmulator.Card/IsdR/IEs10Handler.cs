using System.Formats.Asn1;

namespace EuiccEmulator.Card.IsdR;

/// <summary>One ES10 function, keyed by the outer tag of its request.</summary>
public interface IEs10Handler
{
    /// <summary>The request's outer tag as wire bytes, e.g. 0xBF3E.</summary>
    int Tag { get; }

    /// <summary>Handles one complete request TLV and returns the complete response TLV.</summary>
    byte[] Handle(Es10Request request, IsdRContext context);
}

/// <summary>A reassembled ES10 request: the exact bytes received, kept for signatures.</summary>
public sealed class Es10Request(byte[] raw, Asn1Tag tag)
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
