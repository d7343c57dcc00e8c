using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 v1.0 §5.9.5 eUICCMemoryReset (IoT eUICC, v1.0 card mode):
// BF34 { 82 resetOptions } -> BF34 { 02 resetResult, 81 resetEimResult?, 82 resetAutoEnableConfigResult? }
// v1.0 keeps the SGP.22 tag BF34 with its own option bits and, because two response components carry explicit
// tags, resetResult is an untagged INTEGER (02). v1.2 moved the IoT reset to BF64 (§5.9.5) with automatic tags.
internal sealed class EuiccMemoryResetV10Handler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EuiccMemoryResetV1_0;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var v10 = contents.ReadNamedBitListValue<V10ResetOptions>(Tags.Ctx(2));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        // v1.0 has no preloaded-test or provisioning profile bits: those profiles are never deleted here.
        var options = IotMemoryResetOptions.None;
        if (v10.HasFlag(V10ResetOptions.DeleteOperationalProfiles)) options |= IotMemoryResetOptions.DeleteOperationalProfiles;
        if (v10.HasFlag(V10ResetOptions.DeleteFieldLoadedTestProfiles)) options |= IotMemoryResetOptions.DeleteFieldLoadedTestProfiles;
        if (v10.HasFlag(V10ResetOptions.ResetDefaultSmdpAddress)) options |= IotMemoryResetOptions.ResetDefaultSmdpAddress;
        if (v10.HasFlag(V10ResetOptions.ResetEimConfigData)) options |= IotMemoryResetOptions.ResetEimConfigData;
        if (v10.HasFlag(V10ResetOptions.ResetAutoEnableConfig)) options |= IotMemoryResetOptions.ResetImmediateEnableConfig;
        var reset = context.Engine.IotMemoryReset(options, catBusy: context.Proactive.Busy);
        if (reset.EnabledProfileDeleted) context.RequestRefresh();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            writer.WriteInteger((int)reset.Result);
            if (reset.Eim is { } e) writer.WriteInteger((int)e, Tags.Ctx(1));
            if (reset.EnableConfig is { } a) writer.WriteInteger((int)a, Tags.Ctx(2));
        }
        return writer.Encode();
    }

    // SGP.32 v1.0 §5.9.5 resetOptions bits.
    [Flags]
    private enum V10ResetOptions
    {
        None = 0,
        DeleteOperationalProfiles = 1 << 0,
        DeleteFieldLoadedTestProfiles = 1 << 1,
        ResetDefaultSmdpAddress = 1 << 2,
        ResetEimConfigData = 1 << 3,
        ResetAutoEnableConfig = 1 << 4,
    }
}
