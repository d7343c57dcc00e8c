using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.16-17
/// <summary>EnableProfileRequest and DisableProfileRequest share one layout.</summary>
internal static class ProfileSwitchRequest
{
    public static (ProfileSelector Selector, bool Refresh) Read(Es10Request request)
    {
        var contents = request.OpenContents();
        var choice = contents.ReadSequence(Tags.Ctx(0, constructed: true));
        var selector = Es10Codec.ReadProfileSelector(choice);
        choice.ThrowIfNotEmpty();
        var refresh = contents.ReadBoolean(Tags.Ctx(1));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        return (selector, refresh);
    }
}
