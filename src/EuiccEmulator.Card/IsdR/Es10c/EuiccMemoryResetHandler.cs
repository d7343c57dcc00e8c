using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.19 eUICCMemoryReset: BF34 { 82 resetOptions } -> BF34 { 80 resetResult }
internal sealed class EuiccMemoryResetHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EuiccMemoryReset;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var options = contents.ReadNamedBitListValue<MemoryResetOptions>(Tags.Ctx(2));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        // Bits beyond the three SGP.22 options (SGP.32 adds more under BF64) are ignored here.
        options &= MemoryResetOptions.DeleteOperationalProfiles | MemoryResetOptions.DeleteFieldLoadedTestProfiles
            | MemoryResetOptions.ResetDefaultSmdpAddress;
        if (context.Proactive.Busy) return Es10Codec.Result(request.Tag, (int)MemoryResetResult.CatBusy);
        var result = context.Engine.MemoryReset(options, out var enabledDeleted);
        // The enabled profile is gone: the terminal must reset the card.
        if (result == MemoryResetResult.Ok && enabledDeleted) context.RequestRefresh();
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
