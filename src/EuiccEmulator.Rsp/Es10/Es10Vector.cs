namespace EuiccEmulator.Rsp.Es10;

/// <summary>The card state a vector runs against.</summary>
internal enum Es10Fixture
{
    /// <summary>A new card: no profile, no eIM, no default SM-DP+ address, seeded random source.</summary>
    NewCard,

    /// <summary>A new card holding one disabled operational profile, ICCID 89000123456789012341, ISD-P AID
    /// A0000005591010FFFFFFFF8900001000, service provider "Test SP", name "Test 2341".</summary>
    OneProfile,
}

/// <summary>What the card does with a vector's request.</summary>
internal enum Es10Outcome
{
    /// <summary>9000 and exactly the response bytes.</summary>
    Response,

    /// <summary>9000 with a response whose bytes depend on keys or randomness (checked elsewhere).</summary>
    Accepted,

    /// <summary>The request is not a well-formed request of the function: 6A80 and no state change.</summary>
    Malformed,

    /// <summary>A status word other than 9000 and 6A80 (in Response), and no state change.</summary>
    StatusWord,
}

/// <summary>One request of an ES10 function and what the card answers, as hex.</summary>
internal sealed record Es10Vector(string Request, Es10Outcome Outcome, string? Response, string Note, Es10Fixture Fixture)
{
    /// <summary>A well-formed request and the card's exact response.</summary>
    public static Es10Vector Valid(string request, string response, string note, Es10Fixture fixture = Es10Fixture.NewCard) =>
        new(request, Es10Outcome.Response, response, note, fixture);

    /// <summary>A well-formed request whose response varies (signatures, random values).</summary>
    public static Es10Vector Accepted(string request, string note, Es10Fixture fixture = Es10Fixture.NewCard) =>
        new(request, Es10Outcome.Accepted, null, note, fixture);

    /// <summary>A malformed request: truncated, a wrong inner tag, trailing bytes, a missing component.</summary>
    public static Es10Vector Malformed(string request, string note, Es10Fixture fixture = Es10Fixture.NewCard) =>
        new(request, Es10Outcome.Malformed, null, note, fixture);

    public override string ToString() => $"{Request[..Math.Min(Request.Length, 24)]} ({Note})";
}
