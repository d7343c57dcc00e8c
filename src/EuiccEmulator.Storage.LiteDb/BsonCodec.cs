using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>Explicit document mapping: the stored layout is part of the schema version, not of reflection.</summary>
internal static class BsonCodec
{
    public static BsonDocument FromSettings(CardSettings s) => new()
    {
        ["_id"] = "card",
        ["defaultDp"] = s.DefaultDpAddress is null ? BsonValue.Null : s.DefaultDpAddress,
        ["rootDs"] = s.RootDsAddress,
        ["lastSeq"] = s.LastSeqNumber,
        ["lastIsdp"] = s.LastIsdpNumber,
        ["eims"] = new BsonArray(s.Eims.Select(FromEim)),
        ["lastToken"] = s.LastAssociationToken,
        ["immediateEnable"] = s.ImmediateEnable is not { } ie ? BsonValue.Null : new BsonDocument
        {
            ["enabled"] = ie.Enabled,
            ["oid"] = Nullable(ie.DefaultSmdpOid),
            ["address"] = Nullable(ie.DefaultSmdpAddress),
        },
        ["lastInstalled"] = Nullable(s.LastInstalledIccid),
        ["lastInstalledOid"] = Nullable(s.LastInstalledSmdpOid),
        ["lastInstalledAddress"] = Nullable(s.LastInstalledSmdpAddress),
        ["fallbackPrevious"] = Nullable(s.FallbackPreviousIccid),
        ["emergencyActive"] = s.EmergencyActive,
        ["emergencyPrevious"] = Nullable(s.EmergencyPreviousIccid),
        ["rollbackIccid"] = Nullable(s.RollbackIccid),
        ["rollbackResult"] = s.RollbackResult is null ? BsonValue.Null : s.RollbackResult,
    };

    private static BsonValue Nullable(string? value) => value is null ? BsonValue.Null : value;

    private static string? String(BsonDocument d, string key) => d.TryGetValue(key, out var v) && !v.IsNull ? v.AsString : null;

    private static BsonDocument FromEim(EimRecord e) => new()
    {
        ["eimId"] = e.EimId,
        ["fqdn"] = Nullable(e.Fqdn),
        ["type"] = e.IdType is { } type ? (int)type : BsonValue.Null,
        ["counter"] = e.Counter,
        ["token"] = e.AssociationToken is { } t ? t : BsonValue.Null,
        ["key"] = e.PublicKeyData is null ? BsonValue.Null : e.PublicKeyData,
        ["tls"] = e.TlsKeyData is null ? BsonValue.Null : e.TlsKeyData,
        ["protocols"] = e.Protocols is { } protocols ? (int)protocols : BsonValue.Null,
        ["ciSki"] = e.CiSki,
        ["ciSkiProvisioned"] = e.CiSkiProvisioned,
        ["indirect"] = e.IndirectProfileDownload,
    };

    private static EimRecord ToEim(BsonValue v) => new()
    {
        EimId = v["eimId"].AsString,
        Fqdn = v["fqdn"].IsNull ? null : v["fqdn"].AsString,
        IdType = v["type"].IsNull ? null : (EimIdType)v["type"].AsInt32,
        Counter = v["counter"].AsInt64,
        AssociationToken = v["token"].IsNull ? null : v["token"].AsInt64,
        PublicKeyData = v["key"].IsNull ? null : v["key"].AsBinary,
        TlsKeyData = v["tls"].IsNull ? null : v["tls"].AsBinary,
        Protocols = v["protocols"].IsNull ? null : (EimSupportedProtocols)v["protocols"].AsInt32,
        CiSki = v["ciSki"].AsBinary,
        CiSkiProvisioned = !v.AsDocument.TryGetValue("ciSkiProvisioned", out var provisioned) || provisioned.AsBoolean,
        IndirectProfileDownload = v["indirect"].AsBoolean,
    };

    public static CardSettings ToSettings(BsonDocument d) => new()
    {
        DefaultDpAddress = d["defaultDp"].IsNull ? null : d["defaultDp"].AsString,
        RootDsAddress = d["rootDs"].AsString,
        LastSeqNumber = d["lastSeq"].AsInt64,
        LastIsdpNumber = d["lastIsdp"].AsInt32,
        Eims = d.TryGetValue("eims", out var eims) ? [.. eims.AsArray.Select(ToEim)] : [],
        LastAssociationToken = d.TryGetValue("lastToken", out var token) ? token.AsInt64 : 0,
        ImmediateEnable = d.TryGetValue("immediateEnable", out var ie) && !ie.IsNull
            ? new ImmediateEnableConfig(ie["enabled"].AsBoolean, String(ie.AsDocument, "oid"), String(ie.AsDocument, "address"))
            : null,
        LastInstalledIccid = String(d, "lastInstalled"),
        LastInstalledSmdpOid = String(d, "lastInstalledOid"),
        LastInstalledSmdpAddress = String(d, "lastInstalledAddress"),
        FallbackPreviousIccid = String(d, "fallbackPrevious"),
        EmergencyActive = d.TryGetValue("emergencyActive", out var ea) && ea.AsBoolean,
        EmergencyPreviousIccid = String(d, "emergencyPrevious"),
        RollbackIccid = String(d, "rollbackIccid"),
        RollbackResult = d.TryGetValue("rollbackResult", out var rr) && !rr.IsNull ? rr.AsBinary : null,
    };

    public static BsonDocument FromProfile(ProfileRecord p) => new()
    {
        ["_id"] = p.Iccid.Digits,
        ["aid"] = p.IsdpAid,
        ["state"] = (int)p.State,
        ["nickname"] = p.Nickname is null ? BsonValue.Null : p.Nickname,
        ["spn"] = p.ServiceProviderName,
        ["name"] = p.ProfileName,
        ["iconType"] = p.IconType is null ? BsonValue.Null : (int)p.IconType,
        ["icon"] = p.Icon is null ? BsonValue.Null : p.Icon,
        ["class"] = (int)p.ProfileClass,
        ["notifications"] = new BsonArray(p.NotificationConfigs.Select(c =>
            new BsonDocument { ["events"] = (int)c.Events, ["address"] = c.Address })),
        ["owner"] = p.ProfileOwner is null ? BsonValue.Null : new BsonDocument
        {
            ["mccMnc"] = p.ProfileOwner.MccMnc,
            ["gid1"] = p.ProfileOwner.Gid1 is null ? BsonValue.Null : p.ProfileOwner.Gid1,
            ["gid2"] = p.ProfileOwner.Gid2 is null ? BsonValue.Null : p.ProfileOwner.Gid2,
        },
        ["dpData"] = p.DpProprietaryData is null ? BsonValue.Null : p.DpProprietaryData,
        ["ppr"] = (int)p.Pprs,
        ["ssd"] = p.ServiceSpecificData is null ? BsonValue.Null : p.ServiceSpecificData,
        ["ecall"] = p.EcallIndication,
        ["fallbackAllowed"] = p.FallbackAllowed,
        ["fallback"] = p.FallbackAttribute,
        ["origin"] = p.Origin,
        ["size"] = p.PackageSize,
        // Added without a schema bump: absent in older stores, read as "untouched".
        ["uicc"] = p.UiccState is null ? BsonValue.Null : p.UiccState,
    };

    public static ProfileRecord ToProfile(BsonDocument d) => new()
    {
        Iccid = Iccid.Parse(d["_id"].AsString),
        IsdpAid = d["aid"].AsBinary,
        State = (ProfileState)d["state"].AsInt32,
        Nickname = d["nickname"].IsNull ? null : d["nickname"].AsString,
        ServiceProviderName = d["spn"].AsString,
        ProfileName = d["name"].AsString,
        IconType = d["iconType"].IsNull ? null : (IconType)d["iconType"].AsInt32,
        Icon = d["icon"].IsNull ? null : d["icon"].AsBinary,
        ProfileClass = (ProfileClass)d["class"].AsInt32,
        NotificationConfigs = [.. d["notifications"].AsArray.Select(v =>
            new NotificationConfig((NotificationEvents)v["events"].AsInt32, v["address"].AsString))],
        ProfileOwner = d["owner"].IsNull ? null : new OperatorId(
            d["owner"]["mccMnc"].AsBinary,
            d["owner"]["gid1"].IsNull ? null : d["owner"]["gid1"].AsBinary,
            d["owner"]["gid2"].IsNull ? null : d["owner"]["gid2"].AsBinary),
        DpProprietaryData = d["dpData"].IsNull ? null : d["dpData"].AsBinary,
        Pprs = (PprIds)d["ppr"].AsInt32,
        ServiceSpecificData = d["ssd"].IsNull ? null : d["ssd"].AsBinary,
        EcallIndication = d["ecall"].AsBoolean,
        FallbackAllowed = d["fallbackAllowed"].AsBoolean,
        FallbackAttribute = d["fallback"].AsBoolean,
        Origin = d["origin"].AsString,
        UiccState = d.TryGetValue("uicc", out var uicc) && !uicc.IsNull ? uicc.AsBinary : null,
        PackageSize = d["size"].AsInt32,
    };

    public static BsonDocument FromNotification(NotificationRecord n) => new()
    {
        ["_id"] = n.SeqNumber,
        ["event"] = (int)n.Event,
        ["address"] = n.Address,
        ["iccid"] = n.Iccid is null ? BsonValue.Null : n.Iccid.Value.Digits,
        ["signed"] = n.SignedObject,
        ["epr"] = n.IsPackageResult,
    };

    public static NotificationRecord ToNotification(BsonDocument d) => new(
        d["_id"].AsInt64,
        (NotificationEvents)d["event"].AsInt32,
        d["address"].AsString,
        d["iccid"].IsNull ? null : Iccid.Parse(d["iccid"].AsString),
        d["signed"].AsBinary)
    {
        IsPackageResult = d.TryGetValue("epr", out var epr) && epr.AsBoolean,
    };

    public static BsonDocument FromIdentity(CardIdentityRecord i) => new()
    {
        ["_id"] = "ecasd",
        ["eid"] = i.Eid,
        ["chains"] = new BsonArray(i.SigningChains.Select(c => new BsonDocument
        {
            ["ciSki"] = c.CiSubjectKeyId,
            ["euicc"] = c.EuiccCertificate,
            ["eum"] = c.EumCertificate,
            ["key"] = c.EuiccPrivateKeyPkcs8,
        })),
        ["trustedCis"] = new BsonArray(i.TrustedCiCertificates.Select(c => new BsonValue(c))),
        ["sgp32"] = (int)i.Sgp32Version,
    };

    public static CardIdentityRecord ToIdentity(BsonDocument d) => new(
        d["eid"].AsString,
        [.. d["chains"].AsArray.Select(v => new SigningChain(
            v["ciSki"].AsBinary, v["euicc"].AsBinary, v["eum"].AsBinary, v["key"].AsBinary))],
        [.. d["trustedCis"].AsArray.Select(v => v.AsBinary)])
    {
        // Stores written before the version was recorded hold v1.2 cards.
        Sgp32Version = d.TryGetValue("sgp32", out var version) ? (Sgp32Version)version.AsInt32 : Sgp32Version.V1_2,
    };
}
