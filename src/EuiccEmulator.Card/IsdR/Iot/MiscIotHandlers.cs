using System.Formats.Asn1;
using EuiccEmulator.Core.Ber;
using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.24 GetConnectivityParameters: BF5F {} -> BF5F { A0 { 81 httpParams } | 81 parametersNotAvailable }
public sealed class GetConnectivityParametersHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetConnectivityParameters;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        if (context.Options.ConnectivityHttpParams is not { } http) return Es10Codec.ChoiceError(request.Tag, 1);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
            writer.WriteOctetString(http, Tags.Ctx(1));
        return writer.Encode();
    }
}

// SGP.32 §5.9.25 SetDefaultDpAddress: BF65 { 80 address } -> BF65 { 80 result }
public sealed class SetDefaultDpAddressIotHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.SetDefaultDpAddressIot;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var address = contents.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        return Es10Codec.Result(request.Tag, (int)context.Engine.SetDefaultDpAddress(address));
    }
}

// SGP.32 §5.9.5 eUICCMemoryReset: BF64 { 82 resetOptions } -> BF64 { 80 resetResult, 81 resetEimResult?, 82 resetImmediateEnableConfigResult? }
public sealed class EuiccMemoryResetIotHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EuiccMemoryResetIot;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var options = contents.ReadNamedBitListValue<IotMemoryResetOptions>(Tags.Ctx(2));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var (profileResult, eimResult, iecResult) = Reset(context, options);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            writer.WriteInteger(profileResult, Tags.Ctx(0));
            if (eimResult is { } e) writer.WriteInteger(e, Tags.Ctx(1));
            if (iecResult is { } i) writer.WriteInteger(i, Tags.Ctx(2));
        }
        return writer.Encode();
    }

    /// <summary>Runs an IoT memory reset; the results are (resetResult, resetEimResult?, immediate/auto enable result?).</summary>
    // SGP.32 v1.2 §5.9.5 (v1.0 §5.9.5 has the same effects for its options, under BF34).
    internal static (int Profiles, int? Eim, int? EnableConfig) Reset(IsdRContext context, IotMemoryResetOptions options)
    {
        var engine = context.Engine;
        int profileResult;
        int? eimResult = null, iecResult = null;
        var enabledDeleted = false;
        if (engine.EmergencyInUse) profileResult = 104; // ecallActive: nothing is reset
        else if (context.Proactive.Busy) profileResult = 5; // catBusy
        else
        {
            profileResult = engine.Transaction(() =>
            {
                var deleted = engine.DeleteForReset(p => p.ProfileClass switch
                {
                    ProfileClass.Operational => options.HasFlag(IotMemoryResetOptions.DeleteOperationalProfiles),
                    ProfileClass.Test => p.IsPreLoaded
                        ? options.HasFlag(IotMemoryResetOptions.DeletePreLoadedTestProfiles)
                        : options.HasFlag(IotMemoryResetOptions.DeleteFieldLoadedTestProfiles),
                    ProfileClass.Provisioning => options.HasFlag(IotMemoryResetOptions.DeleteProvisioningProfiles),
                    _ => false,
                }, out enabledDeleted);
                var addressReset = options.HasFlag(IotMemoryResetOptions.ResetDefaultSmdpAddress) && engine.Settings.DefaultDpAddress is not null;
                if (addressReset) engine.UpdateSettings(s => s with { DefaultDpAddress = null });
                if (options.HasFlag(IotMemoryResetOptions.ResetEimConfigData))
                {
                    eimResult = engine.Settings.Eims.Count == 0 ? 1 : 0;
                    engine.UpdateSettings(s => s with { Eims = [] });
                }
                if (options.HasFlag(IotMemoryResetOptions.ResetImmediateEnableConfig))
                {
                    iecResult = 0;
                    engine.UpdateSettings(s => s with { ImmediateEnable = null });
                }
                if (enabledDeleted) engine.UpdateSettings(s => s with { RollbackIccid = null, RollbackResult = null, FallbackPreviousIccid = null });
                return deleted || addressReset ? 0 : 1;
            });
            if (enabledDeleted) context.RequestRefresh();
        }
        return (profileResult, eimResult, iecResult);
    }
}
