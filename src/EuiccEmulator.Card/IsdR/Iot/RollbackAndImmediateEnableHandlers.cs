using System.Formats.Asn1;
using EuiccEmulator.Core.Ber;
using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.16 ProfileRollback: BF58 { 80 refreshFlag } -> BF58 { 02 cmdResult, BF51 EuiccPackageResult? }
public sealed class ProfileRollbackHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ProfileRollback;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var engine = context.Engine;
        var settings = engine.Settings;
        int result;
        byte[]? packageResult = null;
        var current = engine.EnabledProfile;
        var previous = engine.FindByDigits(settings.RollbackIccid);
        if (settings.RollbackResult is null || previous is null || engine.EmergencyInUse) result = 1; // rollbackNotAllowed
        else if (refresh && context.Proactive.Busy) result = 5;
        else
        {
            packageResult = settings.RollbackResult;
            engine.Transaction(() =>
            {
                engine.ForceSwitch(current, previous, notify: true);
                engine.UpdateSettings(s => s with { RollbackIccid = null, RollbackResult = null, FallbackPreviousIccid = null });
                return 0;
            });
            context.ProfileSwitched(refresh);
            result = 0;
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            writer.WriteInteger(result);
            if (packageResult is not null) writer.WriteEncodedValue(packageResult);
        }
        return writer.Encode();
    }
}

// SGP.32 §5.9.17 ConfigureImmediateProfileEnabling: BF59 { 80 flag?, 81 oid?, 82 address? } -> BF59 { 80 result }
public sealed class ConfigureImmediateProfileEnablingHandler : IEs10Handler
{
    private const int AssociatedEimAlreadyExists = 2;

    public Es10Function Function => Es10Catalogue.ConfigureImmediateProfileEnabling;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var enabled = false;
        string? oid = null, address = null;
        while (contents.HasData)
        {
            var tag = contents.PeekTag();
            if (tag.HasSameClassAndValue(Tags.Ctx(0)))
            {
                contents.ReadNull(Tags.Ctx(0));
                enabled = true;
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(1))) oid = contents.ReadObjectIdentifier(Tags.Ctx(1));
            else if (tag.HasSameClassAndValue(Tags.Ctx(2))) address = contents.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(2));
            else Es10Codec.SkipUnknown(contents);
        }
        // Once an eIM is associated, only it may configure this (through the configureImmediateEnable PSMO).
        if (context.Engine.Settings.Eims.Count > 0) return Es10Codec.Result(request.Tag, AssociatedEimAlreadyExists);
        context.Engine.UpdateSettings(s => s with { ImmediateEnable = new ImmediateEnableConfig(enabled, oid, address) });
        return Es10Codec.Result(request.Tag, 0);
    }
}

// SGP.32 §5.9.15 ImmediateEnable: BF5A { 80 refreshFlag } -> BF5A { 80 result }
public sealed class ImmediateEnableHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ImmediateEnable;

    public byte[] Handle(Es10Request request, IsdRContext context) =>
        Es10Codec.Result(request.Tag, Run(context, RefreshFlagRequest.Read(request)));

    /// <summary>Enables the profile installed last when the configuration allows it; returns the result code.</summary>
    internal static int Run(IsdRContext context, bool refresh)
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
