using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.18 DeleteProfile: BF33 { 4F | 5A } -> BF33 { 80 deleteResult }
internal sealed class DeleteProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.DeleteProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var selector = Es10Codec.ReadProfileSelector(contents);
        contents.ThrowIfNotEmpty();
        return Es10Codec.Result(request.Tag, (int)context.Engine.Delete(selector));
    }
}
