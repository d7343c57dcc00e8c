using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>Turns received EimConfigurationData into a stored eIM, applying the card's defaults and checks.</summary>
// SGP.32 §5.9.4 (AddInitialEim) and §2.11.1.1.2 (addEim eCO) share these rules.
internal static class EimAdmission
{
    public static (EimRecord? Record, AddEimResultCode Code, long? AssignedToken) Admit(
        EimConfiguration config, IsdRContext context, CardSettings settings, IReadOnlyList<EimRecord> alreadyAdded)
    {
        if (config.Counter is not { } counter || config.PublicKeyData is null) return (null, AddEimResultCode.CommandError, null);
        if (counter < 0 || counter > context.Options.MaxEimCounter) return (null, AddEimResultCode.CounterValueOutOfRange, null);
        if (EimConfiguration.SigningKey(config.PublicKeyData) is null) return (null, AddEimResultCode.CommandError, null);
        byte[] ciSki;
        if (config.CiSki is { } requested)
        {
            if (context.Ecasd.FindChain(requested) is null) return (null, AddEimResultCode.CiPKUnknown, null);
            ciSki = requested;
        }
        else
        {
            ciSki = context.Ecasd.SigningCiSkis[0].ToArray(); // the first CI the card signs with
        }
        if (settings.Eims.Concat(alreadyAdded).Any(e => e.EimId == config.EimId))
            return (null, AddEimResultCode.AssociatedEimAlreadyExists, null);
        if (settings.Eims.Count + alreadyAdded.Count >= context.Options.MaxEims) return (null, AddEimResultCode.InsufficientMemory, null);

        long? token = null;
        if (config.AssociationToken is { } requestedToken)
        {
            // Only -1 ("card, assign one") may be sent; the card picks the value.
            if (requestedToken != -1) return (null, AddEimResultCode.InvalidAssociationToken, null);
            token = settings.LastAssociationToken + 1 + alreadyAdded.Count(e => e.AssociationToken is not null);
        }
        var record = new EimRecord
        {
            EimId = config.EimId,
            Fqdn = config.Fqdn,
            // Stored as provisioned: absent optional fields stay absent (GetEimConfigurationData returns no others).
            IdType = config.IdType,
            Counter = (long)counter,
            AssociationToken = token,
            PublicKeyData = config.PublicKeyData,
            TlsKeyData = config.TlsKeyData,
            Protocols = config.Protocols,
            CiSki = ciSki,
            CiSkiProvisioned = config.CiSki is not null,
            IndirectProfileDownload = config.IndirectProfileDownload,
        };
        return (record, AddEimResultCode.Ok, token);
    }
}
