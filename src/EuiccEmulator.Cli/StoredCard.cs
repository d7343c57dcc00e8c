using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Cli;

/// <summary>
/// A stored card opened in this process without serving it: the verbs that read or change it send the same ES10
/// and UICC commands an LPA or terminal would, so the card's own rules and notifications apply.
/// </summary>
public sealed class StoredCard : IDisposable
{
    private readonly Es10Client _es10;

    private StoredCard(CardHost host)
    {
        Host = host;
        host.Euicc.Card.PowerOn();
        // The basic channel stays free for the UICC commands of fs cat; ES10 goes on a logical channel as an LPA's does.
        _es10 = new Es10Client(host.Euicc.Card);
        _es10.Open();
    }

    public CardHost Host { get; }

    public string Eid => Host.Euicc.Ecasd.Eid.Digits;

    /// <summary>Opens a card that must exist already (exit 3 when it does not, or when another process holds it).</summary>
    public static StoredCard Open(string? store, TextWriter log)
    {
        var host = CardHost.OpenExisting(store, log);
        try
        {
            return new StoredCard(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Sends one ES10 request; a status word other than 9000/91xx is an error line.</summary>
    public byte[] Es10(byte[] request)
    {
        var response = _es10.Send(request);
        if (!response.IsSuccess)
        {
            var function = Convert.ToHexString(request.AsSpan(0, Math.Min(2, request.Length)));
            throw new CliException($"the card answered {function} with SW {response.StatusWord:X4}");
        }
        return response.Data;
    }

    /// <summary>An ES10 response decoded by the ASN.1 schema of the card's version: fields named by their path.</summary>
    public IReadOnlyList<TraceField> Decode(int functionTag, byte[] response)
    {
        var schema = Es10Schema.For(Host.Euicc.Options.Sgp32Version);
        var function = schema.Function(functionTag) ?? throw new InvalidOperationException($"{functionTag:X4} is not an ES10 function");
        return AsnPathDecoder.Decode(response, "", new AsnField(functionTag, "response", function.Response));
    }

    /// <summary>The value of the first decoded field whose path ends with <paramref name="name"/>.</summary>
    public static string? Field(IReadOnlyList<TraceField> fields, string name) =>
        fields.FirstOrDefault(f => f.Path == name || f.Path.EndsWith("." + name, StringComparison.Ordinal))?.Value;

    /// <summary>Sends an ES10 request whose response is one result code (80); returns the code and its ASN.1 name.</summary>
    public (int Code, string Name) Result(int functionTag, byte[] request)
    {
        var response = Es10(request);
        var shown = Decode(functionTag, response).FirstOrDefault(f => f.Tag == 0x80)?.Value
            ?? throw new CliException($"the card's {functionTag:X4} response has no result: {Convert.ToHexString(response)}");
        // The decoder shows a named INTEGER as "2 (profileNotInDisabledState)".
        var space = shown.IndexOf(' ', StringComparison.Ordinal);
        var code = int.Parse(space < 0 ? shown : shown[..space], System.Globalization.CultureInfo.InvariantCulture);
        var name = space < 0 ? "undefined" : shown[(space + 2)..^1];
        return (code, name);
    }

    /// <summary>A UICC command on the basic channel (SELECT, READ BINARY, VERIFY ...).</summary>
    public byte[] Transmit(byte[] apdu) => Host.Euicc.Card.Transmit(apdu);

    /// <summary>A CI's subject, when the card trusts a CI certificate with this subject key identifier.</summary>
    public string? CiName(ReadOnlySpan<byte> ski)
    {
        foreach (var der in Host.Store.LoadIdentity()?.TrustedCiCertificates ?? [])
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var extension = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            if (extension?.SubjectKeyIdentifierBytes.Span.SequenceEqual(ski) == true) return certificate.Subject;
        }
        return null;
    }

    public void Dispose()
    {
        try
        {
            _es10.Close();
        }
        finally
        {
            Host.Dispose();
        }
    }
}
