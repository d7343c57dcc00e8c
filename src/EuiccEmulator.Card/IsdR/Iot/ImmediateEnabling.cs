using EuiccEmulator.Core.State;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>Immediate enabling of the profile installed last (ImmediateEnable, v1.0 EnableUsingDD).</summary>
// SGP.32 v1.2 §5.9.15; v1.0 §5.9.15 EnableUsingDD
internal static class ImmediateEnabling
{
    /// <summary>Enables the profile installed last when the configuration allows it; returns the result code.</summary>
    public static int Run(IsdRContext context, bool refresh)
    {
        var engine = context.Engine;
        var settings = engine.Settings;
        var installed = engine.FindByDigits(settings.LastInstalledIccid);
        if (installed is null) return 4; // noSessionContext: no profile was just installed
        if (settings.ImmediateEnable is not { Enabled: true } config || !Matches(config, settings)) return 1; // immediateEnableNotAvailable
        if (refresh && context.Proactive.Busy) return 5;
        var enable = engine.Transaction(() =>
        {
            var r = engine.Enable(ProfileSelector.ByIccid(installed.Iccid));
            if (r == EnableResult.Ok)
                engine.UpdateSettings(s => s with { LastInstalledIccid = null, FallbackPreviousIccid = null, RollbackIccid = null, RollbackResult = null });
            return r;
        });
        if (enable == EnableResult.Ok) context.ProfileSwitched(refresh);
        return enable == EnableResult.Ok ? 0 : 127;
    }

    // The installing SM-DP+ must be the configured default one, where one is configured.
    private static bool Matches(ImmediateEnableConfig config, CardSettings settings) =>
        (config.DefaultSmdpOid is null || config.DefaultSmdpOid == settings.LastInstalledSmdpOid)
        && (config.DefaultSmdpAddress is null || string.Equals(config.DefaultSmdpAddress, settings.LastInstalledSmdpAddress, StringComparison.OrdinalIgnoreCase));
}
