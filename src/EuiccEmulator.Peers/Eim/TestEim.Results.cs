using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;

namespace EuiccEmulator.Peers.Eim;

public sealed partial class TestEim
{
    /// <summary>
    /// Parses the card's BF51 EuiccPackageResult and checks it against <paramref name="request"/>: eimId, counterValue and
    /// eimTransactionId echo, result kinds per operation, and euiccSignEPR/EPE with CERT.EUICC over
    /// result data TLV ‖ (eimSignature DO | associationToken DO).
    /// </summary>
    /// <exception cref="FormatException">The bytes are not an EuiccPackageResult.</exception>
    // SGP.32 §2.11.2.1 EuiccPackageResult.
    public EuiccPackageResultInfo VerifyEuiccPackageResult(
        ReadOnlyMemory<byte> result, EuiccPackageRequest request, EprSignatureInput? signatureInput = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = ParseEuiccPackageResult(result);
        var problems = new List<string>();
        if (info.EimId != request.EimId) problems.Add($"eimId {info.EimId} != {request.EimId}");
        if (info.Kind != EuiccPackageResultKind.UnsignedError && info.CounterValue != request.CounterValue)
            problems.Add($"counterValue {info.CounterValue} != {request.CounterValue}");
        var txIdEchoed = info.TransactionId is null ? request.TransactionId is null
            : request.TransactionId is not null && info.TransactionId.AsSpan().SequenceEqual(request.TransactionId);
        // The unsigned error may omit the transaction ID (it is OPTIONAL there even when the request had one).
        if (!txIdEchoed && !(info.Kind == EuiccPackageResultKind.UnsignedError && info.TransactionId is null))
            problems.Add("eimTransactionId not echoed");
        if (info.Kind == EuiccPackageResultKind.UnsignedError && info.AssociationToken is { } token && token != AssociationToken)
            problems.Add($"associationToken {token} != {AssociationToken}");

        if (info.Kind == EuiccPackageResultKind.Signed) CheckResultKinds(info.Results, request.ExpectedResults, problems);

        bool? valid = null;
        if (info.Kind != EuiccPackageResultKind.UnsignedError)
        {
            if (_euiccKey is null)
            {
                problems.Add("no CERT.EUICC to verify the signature with");
            }
            else
            {
                var input = ResultSignatureInput(info.SignedData.Span, request, signatureInput ?? _options.ResultSignatureInput);
                valid = _euiccKey.Verify(input, info.Signature.Span);
                if (!valid.Value)
                {
                    problems.Add(info.Kind == EuiccPackageResultKind.Signed
                        ? "euiccSignEPR does not verify"
                        : "euiccSignEPE does not verify");
                }
            }
        }
        return info with { SignatureValid = valid, Problems = problems };
    }

    /// <summary>The bytes the card signs for euiccSignEPR/EPE.</summary>
    // SGP.32 §2.11.2.1: "concatenated data objects euiccPackageResultDataSigned and eimSignature";
    // docs/iot.md#epr-signing-caveat for the alternative.
    public static byte[] ResultSignatureInput(ReadOnlySpan<byte> resultDataTlv, EuiccPackageRequest request, EprSignatureInput variant)
    {
        ArgumentNullException.ThrowIfNull(request);
        return variant switch
        {
            EprSignatureInput.EimSignature => [.. resultDataTlv, .. request.EimSignatureDo],
            EprSignatureInput.AssociationToken => [.. resultDataTlv, .. request.AssociationTokenDo],
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }

    /// <summary>Parses a BF51 EuiccPackageResult without checking it against a request.</summary>
    /// <exception cref="FormatException">Malformed.</exception>
    public static EuiccPackageResultInfo ParseEuiccPackageResult(ReadOnlyMemory<byte> result)
    {
        var outer = TlvCodec.ReadSingle(result);
        if (outer.Tag != 0xBF51) throw new FormatException($"EuiccPackageResult is BF51, got {outer.Tag:X2}");
        var choice = TlvCodec.ReadSingle(outer.Value);
        var raw = result.ToArray();
        switch (choice.Tag)
        {
            case 0xA0:
            case 0xA1:
            {
                var parts = choice.Children();
                if (parts.Count != 2 || parts[0].Tag != 0x30 || parts[1].Tag != 0x5F37)
                    throw new FormatException($"BF51 {choice.Tag:X2} is {{ 30 data, 5F37 signature }}");
                var fields = new FieldReader(parts[0].Children());
                var eimId = EimDer.ReadUtf8(fields.Required(0x80, "eimId"));
                var counter = EimDer.ReadInteger(fields.Required(0x81, "counterValue"));
                var txId = fields.Optional(0x82)?.Value.ToArray();
                if (choice.Tag == 0xA0)
                {
                    var seq = EimDer.ReadInteger(fields.Required(0x83, "seqNumber"));
                    var list = fields.Required(0x30, "euiccResult");
                    fields.End();
                    return new EuiccPackageResultInfo
                    {
                        Kind = EuiccPackageResultKind.Signed,
                        Raw = raw,
                        EimId = eimId,
                        CounterValue = counter,
                        TransactionId = txId,
                        SeqNumber = seq,
                        Results = [.. list.Children().Select(ParseResultData)],
                        SignedData = parts[0].Raw,
                        Signature = parts[1].Value,
                    };
                }
                var code = EimDer.ReadInteger(fields.Required(0x02, "euiccPackageErrorCode"));
                fields.End();
                return new EuiccPackageResultInfo
                {
                    Kind = EuiccPackageResultKind.SignedError,
                    Raw = raw,
                    EimId = eimId,
                    CounterValue = counter,
                    TransactionId = txId,
                    ErrorCode = (int)code,
                    SignedData = parts[0].Raw,
                    Signature = parts[1].Value,
                };
            }
            case 0xA2:
            {
                var fields = new FieldReader(choice.Children());
                var eimId = EimDer.ReadUtf8(fields.Required(0x80, "eimId"));
                var txId = fields.Optional(0x82)?.Value.ToArray();
                var token = fields.Optional(0x84) is { } t ? EimDer.ReadInteger(t) : (long?)null;
                // Later versions add an unsigned error code (8F); read it when present.
                var code = fields.Optional(0x8F) is { } c ? (int)EimDer.ReadInteger(c) : (int?)null;
                return new EuiccPackageResultInfo
                {
                    Kind = EuiccPackageResultKind.UnsignedError,
                    Raw = raw,
                    EimId = eimId,
                    TransactionId = txId,
                    AssociationToken = token,
                    ErrorCode = code,
                };
            }
            default:
                throw new FormatException($"unknown EuiccPackageResult alternative {choice.Tag:X2}");
        }
    }

    /// <summary>One EuiccResultData CHOICE value.</summary>
    // SGP.32 §2.11.2.1 EuiccResultData.
    public static EuiccResultData ParseResultData(Tlv tlv)
    {
        var kind = Enum.IsDefined((EuiccResultKind)tlv.Tag) ? (EuiccResultKind)tlv.Tag : EuiccResultKind.Unknown;
        var data = new EuiccResultData { Kind = kind, Raw = tlv.Raw };
        switch (kind)
        {
            case EuiccResultKind.Enable or EuiccResultKind.Disable or EuiccResultKind.Delete or EuiccResultKind.ConfigureImmediateEnable
                or EuiccResultKind.DeleteEim or EuiccResultKind.UpdateEim or EuiccResultKind.Rollback
                or EuiccResultKind.SetFallbackAttribute
                or EuiccResultKind.UnsetFallbackAttribute or EuiccResultKind.ProcessingTerminated:
                return data with { Code = (int)EimDer.ReadInteger(tlv) };
            case EuiccResultKind.ListProfileInfo:
            {
                // [45] SGP32-ProfileInfoListResponse: BF2D { A0 { E3 ... } | 81 error }.
                var inner = TlvCodec.ReadSingle(tlv.Value);
                return inner.Tag switch
                {
                    0xA0 => data with { ProfileInfos = [.. inner.Children().Select(c => c.Raw)] },
                    0x81 => data with { Code = (int)EimDer.ReadInteger(inner) },
                    _ => throw new FormatException($"listProfileInfoResult alternative {inner.Tag:X2}"),
                };
            }
            case EuiccResultKind.GetRat:
                return data with { Rules = [.. tlv.Children().Select(c => c.Raw)] };
            case EuiccResultKind.AddEim:
            {
                // [8] AddEimResult: explicit tag around an untagged CHOICE { 84 token | 02 code }.
                var inner = TlvCodec.ReadSingle(tlv.Value);
                return inner.Tag switch
                {
                    0x84 => data with { AssociationToken = EimDer.ReadInteger(inner) },
                    0x02 => data with { Code = (int)EimDer.ReadInteger(inner) },
                    _ => throw new FormatException($"addEimResult alternative {inner.Tag:X2}"),
                };
            }
            case EuiccResultKind.ListEim:
            {
                // [11] ListEimResult: AB { A0 { 30 { 80 eimId, 82 (v1.0: 84) eimIdType? } ... } | 81 error }.
                var inner = TlvCodec.ReadSingle(tlv.Value);
                if (inner.Tag == 0x81) return data with { Code = (int)EimDer.ReadInteger(inner) };
                if (inner.Tag != 0xA0) throw new FormatException($"listEimResult alternative {inner.Tag:X2}");
                var ids = new List<EimIdInfo>();
                foreach (var entry in inner.Children())
                {
                    if (entry.Tag != 0x30) throw new FormatException($"EimIdInfo is 30, got {entry.Tag:X2}");
                    var fields = new FieldReader(entry.Children());
                    var id = EimDer.ReadUtf8(fields.Required(0x80, "eimId"));
                    // eimIdType is [2] (82) in SGP.32 v1.2 and [4] (84) in v1.0 (§2.11.2.1 EimIdInfo).
                    var type = (fields.Optional(0x82) ?? fields.Optional(0x84)) is { } t
                        ? (EimIdType)EimDer.ReadInteger(t)
                        : (EimIdType?)null;
                    fields.End();
                    ids.Add(new EimIdInfo(id, type));
                }
                return data with { EimIds = ids };
            }
            case EuiccResultKind.SetDefaultDpAddress:
            {
                var fields = new FieldReader(tlv.Children());
                var code = (int)EimDer.ReadInteger(fields.Required(0x80, "setDefaultDpAddressResult"));
                fields.End();
                return data with { Code = code };
            }
            default:
                return data;
        }
    }

    private static void CheckResultKinds(
        IReadOnlyList<EuiccResultData> results, IReadOnlyList<EuiccResultKind?> expected, List<string> problems)
    {
        if (results.Count > expected.Count) problems.Add($"{results.Count} results for {expected.Count} operations");
        for (var i = 0; i < results.Count; i++)
        {
            var kind = results[i].Kind;
            if (kind == EuiccResultKind.ProcessingTerminated)
            {
                if (i != results.Count - 1) problems.Add($"result {i}: processingTerminated is not the last result");
                return;
            }
            if (kind == EuiccResultKind.Unknown)
                problems.Add($"result {i}: unknown tag {Convert.ToHexString(results[i].Raw.Span[..Math.Min(2, results[i].Raw.Length)])}");
            else if (i < expected.Count && expected[i] is { } want && want != kind)
                problems.Add($"result {i}: {kind} for a {want} operation");
        }
        // SGP.32 §3.3.1: processing stops after the first failing operation, whose result is the last one.
        if (results.Count < expected.Count && (results.Count == 0 || results[^1].IsOk))
            problems.Add($"{results.Count} results for {expected.Count} operations without a failure or processingTerminated");
    }

    /// <summary>Walks the components of a SEQUENCE in order.</summary>
    private sealed class FieldReader(IReadOnlyList<Tlv> fields)
    {
        private int _next;

        public Tlv Required(int tag, string name) =>
            Optional(tag) ?? throw new FormatException(
                $"missing {name} ({tag:X2})" + (_next < fields.Count ? $", found {fields[_next].Tag:X2}" : ""));

        public Tlv? Optional(int tag)
        {
            if (_next < fields.Count && fields[_next].Tag == tag) return fields[_next++];
            return null;
        }

        public void End()
        {
            if (_next != fields.Count) throw new FormatException($"unexpected {fields[_next].Tag:X2}");
        }
    }
}
