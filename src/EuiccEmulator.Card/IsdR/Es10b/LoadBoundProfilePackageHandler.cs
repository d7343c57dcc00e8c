using EuiccEmulator.Card.IsdR.Download;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.6 LoadBoundProfilePackage, sent in segments (§2.5.5): the BF36 header with BF23 starts the BPP, every
// later segment (A0..A3 headers, 86/87/88) continues it; 9000 without data until the BF37 result.
internal sealed class LoadBoundProfilePackageHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.LoadBoundProfilePackage;

    public byte[] Handle(Es10Request request, IsdRContext context) =>
        Tags.WireTag(request.Tag) == Function.Tag ? BppLoader.Start(context, request.Raw) : BppLoader.Continue(context, request.Raw);
}
