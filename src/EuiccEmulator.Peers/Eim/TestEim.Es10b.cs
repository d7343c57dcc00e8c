using EuiccEmulator.Rsp.Codes;

namespace EuiccEmulator.Peers.Eim;

/// <summary>One addInitialEimOk entry: an assigned token, or addOk (token null).</summary>
public sealed record AddInitialEimEntry(long? AssociationToken)
{
    public bool IsAddOk => AssociationToken is null;
}

/// <summary>AddInitialEimResponse: per-entry results, or the error code.</summary>
public sealed record AddInitialEimResult(IReadOnlyList<AddInitialEimEntry> Entries, int? Error)
{
    public bool IsOk => Error is null;
}

/// <summary>GetCertsResponse: the certificates re-tagged to 30 for X.509 parsing, or the error code.</summary>
public sealed record GetCertsResult(byte[]? EumCertificate, byte[]? EuiccCertificate, int? Error);

/// <summary>ProfileRollbackResponse: cmdResult and the stored EuiccPackageResult (BF51) if returned.</summary>
public sealed record ProfileRollbackResult(int CmdResult, byte[]? EuiccPackageResult);

/// <summary>SGP32-EuiccMemoryResetResponse.</summary>
public sealed record IotMemoryResetResponse(int ResetResult, int? ResetEimResult, int? ResetImmediateEnableConfigResult);

/// <summary>GetConnectivityParametersResponse: httpParams, or the error code.</summary>
public sealed record ConnectivityParametersResult(byte[]? HttpParams, int? Error);

public sealed partial class TestEim
{
    /// <summary>BF57 { A0 { 30 EimConfigurationData ... } }; associationToken -1 in an entry asks the card for a token.</summary>
    // SGP.32 §5.9.4 AddInitialEimRequest.
    public static byte[] BuildAddInitialEimRequest(params IEnumerable<EimConfigurationData> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return TlvCodec.Constructed(0xBF57, TlvCodec.Constructed(0xA0, entries.Select(e => e.Encode())));
    }

    /// <summary>BF57 with this eIM's configuration data only.</summary>
    public byte[] BuildAddInitialEimRequest() => BuildAddInitialEimRequest([ConfigurationData]);

    /// <summary>BF57 A0 { (84 token | 05 00)... } or BF57 81 error.</summary>
    // SGP.32 §5.9.4 AddInitialEimResponse: the inner CHOICE keeps 05 for addOk because associationToken is tagged.
    public static AddInitialEimResult ParseAddInitialEimResponse(ReadOnlyMemory<byte> response)
    {
        var choice = Single(response, 0xBF57);
        if (choice.Tag == 0x81) return new AddInitialEimResult([], (int)EimDer.ReadInteger(choice));
        if (choice.Tag != 0xA0) throw new FormatException($"AddInitialEimResponse alternative {choice.Tag:X2}");
        var entries = choice.Children().Select(c => c.Tag switch
        {
            0x84 => new AddInitialEimEntry(EimDer.ReadInteger(c)),
            0x05 when c.Value.Length == 0 => new AddInitialEimEntry(null),
            _ => throw new FormatException($"addInitialEimOk entry {c.Tag:X2}"),
        }).ToList();
        return new AddInitialEimResult(entries, null);
    }

    /// <summary>
    /// Takes the token the card assigned to this eIM's entry (index <paramref name="entry"/>) of
    /// an AddInitialEim answer.
    /// </summary>
    public AddInitialEimResult AcceptAddInitialEimResponse(ReadOnlyMemory<byte> response, int entry = 0)
    {
        var result = ParseAddInitialEimResponse(response);
        if (result.IsOk && entry < result.Entries.Count && result.Entries[entry].AssociationToken is { } token) AssociationToken = token;
        return result;
    }

    /// <summary>BF56 { 80 euiccCiPKId } or BF56 00.</summary>
    // SGP.32 §5.9.10 GetCertsRequest: the lone OPTIONAL component gets automatic tag [0].
    public static byte[] BuildGetCertsRequest(byte[]? euiccCiPkId) =>
        euiccCiPkId is null ? [0xBF, 0x56, 0x00] : TlvCodec.Constructed(0xBF56, TlvCodec.Encode(0x80, euiccCiPkId));

    /// <summary>GetCerts with the configured euiccCiPKId.</summary>
    public byte[] BuildGetCertsRequest() => BuildGetCertsRequest(_options.EuiccCiPkId);

    /// <summary>BF56 { A0 { A5 EUM body, A6 eUICC body } | 81 error }.</summary>
    public static GetCertsResult ParseGetCertsResponse(ReadOnlyMemory<byte> response)
    {
        var choice = Single(response, 0xBF56);
        if (choice.Tag == 0x81) return new GetCertsResult(null, null, (int)EimDer.ReadInteger(choice));
        if (choice.Tag != 0xA0) throw new FormatException($"GetCertsResponse alternative {choice.Tag:X2}");
        var parts = choice.Children();
        if (parts.Count != 2 || parts[0].Tag != 0xA5 || parts[1].Tag != 0xA6)
            throw new FormatException("certs is { A5 eumCertificate, A6 euiccCertificate }");
        return new GetCertsResult(TlvCodec.Encode(0x30, parts[0].Value.Span), TlvCodec.Encode(0x30, parts[1].Value.Span), null);
    }

    /// <summary>BF55 { A0 { 80 eimId } } or BF55 00.</summary>
    // SGP.32 §5.9.18: searchCriteria is an untagged CHOICE, so its automatic [0] is explicit.
    public static byte[] BuildGetEimConfigurationDataRequest(string? eimId = null) =>
        eimId is null ? [0xBF, 0x55, 0x00] : TlvCodec.Constructed(0xBF55, TlvCodec.Constructed(0xA0, EimDer.Utf8(0x80, eimId)));

    /// <summary>BF55 { A0 { 30 EimConfigurationData ... } }.</summary>
    public static IReadOnlyList<EimConfigurationData> ParseGetEimConfigurationDataResponse(ReadOnlyMemory<byte> response)
    {
        var list = Single(response, 0xBF55);
        if (list.Tag != 0xA0) throw new FormatException($"GetEimConfigurationDataResponse component {list.Tag:X2}");
        return [.. list.Children()
            .Select(c => c.Tag == 0x30 ? EimConfigurationData.Parse(c) : throw new FormatException($"entry {c.Tag:X2}"))];
    }

    // SGP.32 §5.9.15-16, §5.9.20-23: [n] SEQUENCE { refreshFlag BOOLEAN } -> 80 01 FF/00.

    /// <summary>BF58 { 80 refreshFlag }.</summary>
    public static byte[] BuildProfileRollbackRequest(bool refreshFlag) => RefreshFlagRequest(0xBF58, refreshFlag);

    /// <summary>BF5A { 80 refreshFlag } (v1.2; v1.0 had an empty request).</summary>
    public static byte[] BuildImmediateEnableRequest(bool refreshFlag) => RefreshFlagRequest(0xBF5A, refreshFlag);

    /// <summary>BF5B { 80 refreshFlag }.</summary>
    public static byte[] BuildEnableEmergencyProfileRequest(bool refreshFlag) => RefreshFlagRequest(0xBF5B, refreshFlag);

    /// <summary>BF5C { 80 refreshFlag }.</summary>
    public static byte[] BuildDisableEmergencyProfileRequest(bool refreshFlag) => RefreshFlagRequest(0xBF5C, refreshFlag);

    /// <summary>BF5D { 80 refreshFlag }.</summary>
    public static byte[] BuildExecuteFallbackMechanismRequest(bool refreshFlag) => RefreshFlagRequest(0xBF5D, refreshFlag);

    /// <summary>BF5E { 80 refreshFlag }.</summary>
    public static byte[] BuildReturnFromFallbackRequest(bool refreshFlag) => RefreshFlagRequest(0xBF5E, refreshFlag);

    /// <summary>BF59 { 80 00 immediateEnableFlag?, 81 defaultSmdpOid?, 82 defaultSmdpAddress? }.</summary>
    // SGP.32 §5.9.17
    public static byte[] BuildConfigureImmediateProfileEnablingRequest(
        bool immediateEnableFlag, string? defaultSmdpOid = null, string? defaultSmdpAddress = null) =>
        TlvCodec.Encode(0xBF59, Psmo.ImmediateEnableBody(immediateEnableFlag, defaultSmdpOid, defaultSmdpAddress));

    /// <summary>BF64 { 82 resetOptions }.</summary>
    // SGP.32 §5.9.5: resetOptions [2] BIT STRING, DER without trailing zero bits.
    public static byte[] BuildEuiccMemoryResetRequest(IotMemoryResetOptions options) =>
        TlvCodec.Constructed(0xBF64, EimDer.NamedBits(0x82, (uint)options));

    /// <summary>BF5F 00.</summary>
    // SGP.32 §5.9.24
    public static byte[] BuildGetConnectivityParametersRequest() => [0xBF, 0x5F, 0x00];

    /// <summary>BF65 { 80 defaultDpAddress }.</summary>
    // SGP.32 §5.9.25
    public static byte[] BuildSetDefaultDpAddressRequest(string defaultDpAddress) =>
        TlvCodec.Constructed(0xBF65, EimDer.Utf8(0x80, defaultDpAddress));

    /// <summary>BF58 { 02 cmdResult, BF51 EuiccPackageResult? }.</summary>
    // SGP.32 §5.9.16: cmdResult keeps its universal tag because the other component is tagged.
    public static ProfileRollbackResult ParseProfileRollbackResponse(ReadOnlyMemory<byte> response)
    {
        var outer = TlvCodec.ReadSingle(response);
        if (outer.Tag != 0xBF58) throw new FormatException($"expected BF58, got {outer.Tag:X2}");
        var parts = outer.Children();
        if (parts.Count is 0 or > 2 || parts[0].Tag != 0x02 || (parts.Count == 2 && parts[1].Tag != 0xBF51))
            throw new FormatException("ProfileRollbackResponse is { 02 cmdResult, BF51 result? }");
        return new ProfileRollbackResult((int)EimDer.ReadInteger(parts[0]), parts.Count == 2 ? parts[1].Raw.ToArray() : null);
    }

    /// <summary>BF5A { 80 immediateEnableResult }.</summary>
    public static int ParseImmediateEnableResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF5A);

    /// <summary>BF5B { 80 enableEmergencyProfileResult }.</summary>
    public static int ParseEnableEmergencyProfileResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF5B);

    /// <summary>BF5C { 80 disableEmergencyProfileResult }.</summary>
    public static int ParseDisableEmergencyProfileResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF5C);

    /// <summary>BF5D { 80 executeFallbackMechanismResult }.</summary>
    public static int ParseExecuteFallbackMechanismResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF5D);

    /// <summary>BF5E { 80 returnFromFallbackResult }.</summary>
    public static int ParseReturnFromFallbackResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF5E);

    /// <summary>BF59 { 80 configImmediateEnableResult }.</summary>
    public static int ParseConfigureImmediateProfileEnablingResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF59);

    /// <summary>BF65 { 80 setDefaultDpAddressResult }.</summary>
    public static int ParseSetDefaultDpAddressResponse(ReadOnlyMemory<byte> response) => SingleResult(response, 0xBF65);

    /// <summary>BF64 { 80 resetResult, 81 resetEimResult?, 82 resetImmediateEnableConfigResult? }.</summary>
    public static IotMemoryResetResponse ParseEuiccMemoryResetResponse(ReadOnlyMemory<byte> response)
    {
        var outer = TlvCodec.ReadSingle(response);
        if (outer.Tag != 0xBF64) throw new FormatException($"expected BF64, got {outer.Tag:X2}");
        var parts = outer.Children();
        if (parts.Count == 0 || parts[0].Tag != 0x80) throw new FormatException("resetResult (80) missing");
        int? eim = null, iec = null;
        var next = 1;
        if (next < parts.Count && parts[next].Tag == 0x81) eim = (int)EimDer.ReadInteger(parts[next++]);
        if (next < parts.Count && parts[next].Tag == 0x82) iec = (int)EimDer.ReadInteger(parts[next++]);
        if (next != parts.Count) throw new FormatException($"unexpected {parts[next].Tag:X2}");
        return new IotMemoryResetResponse((int)EimDer.ReadInteger(parts[0]), eim, iec);
    }

    /// <summary>BF5F { A0 { 81 httpParams? } | 81 error }.</summary>
    // SGP.32 §5.9.24: the tagged CHOICE is explicit; its alternatives are auto-tagged [0]/[1].
    public static ConnectivityParametersResult ParseGetConnectivityParametersResponse(ReadOnlyMemory<byte> response)
    {
        var choice = Single(response, 0xBF5F);
        if (choice.Tag == 0x81) return new ConnectivityParametersResult(null, (int)EimDer.ReadInteger(choice));
        if (choice.Tag != 0xA0) throw new FormatException($"GetConnectivityParametersResponse alternative {choice.Tag:X2}");
        var parts = choice.Children();
        if (parts.Count > 1 || (parts.Count == 1 && parts[0].Tag != 0x81))
            throw new FormatException("ConnectivityParameters is { 81 httpParams? }");
        return new ConnectivityParametersResult(parts.Count == 1 ? parts[0].Value.ToArray() : [], null);
    }

    private static byte[] RefreshFlagRequest(int tag, bool refreshFlag) => TlvCodec.Constructed(tag, EimDer.Boolean(0x80, refreshFlag));

    /// <summary>The only child of an outer TLV with tag <paramref name="tag"/>.</summary>
    private static Tlv Single(ReadOnlyMemory<byte> response, int tag)
    {
        var outer = TlvCodec.ReadSingle(response);
        if (outer.Tag != tag) throw new FormatException($"expected {tag:X2}, got {outer.Tag:X2}");
        return TlvCodec.ReadSingle(outer.Value);
    }

    private static int SingleResult(ReadOnlyMemory<byte> response, int tag)
    {
        var result = Single(response, tag);
        if (result.Tag != 0x80) throw new FormatException($"{tag:X2}: result is 80, got {result.Tag:X2}");
        return (int)EimDer.ReadInteger(result);
    }
}
