using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.15 GetProfilesInfo: BF2D { A0 searchCriteria?, 5C tagList? } -> BF2D { A0 { E3... } | 81 error }
internal sealed class GetProfilesInfoHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetProfilesInfo;

    public byte[] Handle(Es10Request request, IsdRContext context) => ProfileInfoList.Answer(request, context);
}
