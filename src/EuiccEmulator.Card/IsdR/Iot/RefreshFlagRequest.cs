using EuiccEmulator.Iso7816.Ber;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>The SGP.32 requests that carry only a refreshFlag: [n] SEQUENCE { [0] BOOLEAN }.</summary>
internal static class RefreshFlagRequest
{
    public static bool Read(Es10Request request)
    {
        var contents = request.OpenContents();
        var refresh = contents.ReadBoolean(Tags.Ctx(0));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        return refresh;
    }
}
