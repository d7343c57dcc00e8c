using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Card.Tests.IsdR.Iot;

/// <summary>
/// Notifications and eUICC Package Results share one sequence-number space: a seqNumber search, the 82 listing and
/// RemoveNotificationFromList agree (SGP.32 v1.2 §5.9.11; §2.11.1.2 searchCriteriaEuiccPackageResult).
/// </summary>
public class EprLookupTests
{
    [Fact]
    public void A_seqNumber_search_finds_the_package_result_and_removal_makes_it_unfindable()
    {
        using var iot = new IotCard();
        iot.Card.SelectIsdR();
        iot.AddProfile(IotCard.A);
        var result = iot.Package([Psmo.Enable(Iccid.Parse(IotCard.A))]);
        Assert.Equal(2, result.SeqNumber); // the enable notification took 1
        var epr = Convert.ToHexString(result.Raw);

        // The example: searchCriteria seqNumber 2 gives the EPR as euiccPackageResultList (A2).
        var (bySeq, _) = iot.Card.Es10("BF2B05A003800102");
        Assert.Equal(Wrap("A2", epr), bySeq);
        // Criterion 82 lists the same object.
        Assert.Equal(bySeq, iot.Card.Es10("BF2B04A0028200").Data);
        // seqNumber 1 is the enable notification, as notificationList (A0).
        Assert.StartsWith("A0", TlvHex(iot.Card.Es10("BF2B05A003800101").Data, 1), StringComparison.Ordinal);

        Assert.Equal(("BF3003800100", "9000"), iot.Card.Es10("BF3003800102"));
        Assert.Equal("BF2B02A000", iot.Card.Es10("BF2B05A003800102").Data);
        Assert.Equal("BF2B02A200", iot.Card.Es10("BF2B04A0028200").Data);
    }

    [Fact]
    public void GetEimConfigurationData_returns_only_the_provisioned_fields()
    {
        using var iot = new IotCard();
        iot.Card.SelectIsdR();
        var (data, _) = iot.Card.Es10("BF5500");
        // 80 eimId, 83 counterValue, 84 associationToken, A5 eimPublicKeyData: no 82 eimIdType, 87 protocols, 88 euiccCiPKId.
        var entry = TlvHex(data, 2);
        Assert.DoesNotContain("820103", data, StringComparison.Ordinal);
        Assert.DoesNotContain("87020308", data, StringComparison.Ordinal);
        Assert.StartsWith("3074800F65696D2E6578616D706C652E636F6D830100840101A55B", entry, StringComparison.Ordinal);
    }

    private static string Wrap(string tag, string content)
    {
        var inner = tag + Len(content.Length / 2) + content;
        return "BF2B" + Len(inner.Length / 2) + inner;
    }

    private static string Len(int n) => n < 0x80 ? $"{n:X2}" : n < 0x100 ? $"81{n:X2}" : $"82{n:X4}";

    // The hex of the TLVs after skipping `depth` headers (BF55 xx A0 xx).
    private static string TlvHex(string hex, int depth)
    {
        var bytes = Convert.FromHexString(hex).AsSpan();
        for (var i = 0; i < depth; i++)
        {
            System.Formats.Asn1.AsnDecoder.ReadEncodedValue(bytes, System.Formats.Asn1.AsnEncodingRules.BER, out var offset, out var length,
                out _);
            bytes = bytes.Slice(offset, length);
        }
        return Convert.ToHexString(bytes);
    }
}
