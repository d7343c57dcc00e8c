using System.Numerics;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §2.11.1.1 EuiccPackageSigned
/// <summary>The fields of EuiccPackageSigned the card echoes or checks.</summary>
internal sealed record PackageHeader
{
    public required string EimId { get; init; }
    public required byte[] Eid { get; init; }
    public required BigInteger Counter { get; init; }
    public byte[]? TransactionId { get; init; }
    public required byte[] EimSignatureDo { get; init; }
}
