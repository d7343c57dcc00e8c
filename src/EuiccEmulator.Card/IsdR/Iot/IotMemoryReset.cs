using EuiccEmulator.Core.State;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>The IoT memory reset both eUICCMemoryReset forms run (v1.2 BF64, v1.0 BF34).</summary>
internal static class IotMemoryReset
{
    /// <summary>Runs an IoT memory reset; the results are (resetResult, resetEimResult?, immediate/auto enable result?).</summary>
    // SGP.32 v1.2 §5.9.5 (v1.0 §5.9.5 has the same effects for its options, under BF34).
    public static (int Profiles, int? Eim, int? EnableConfig) Run(IsdRContext context, IotMemoryResetOptions options)
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
