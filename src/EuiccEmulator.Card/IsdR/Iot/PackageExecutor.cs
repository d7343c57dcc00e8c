using System.Formats.Asn1;
using EuiccEmulator.Card.IsdR.Es10b;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

/// <summary>
/// Runs the PSMOs or eCOs of one accepted eUICC Package, in order, stopping at the first failure, and builds
/// the signed eUICC Package Result. Runs inside one engine transaction with the counter update.
/// </summary>
// SGP.32 §3.3.1 / §5.9.1
internal sealed class PackageExecutor(IsdRContext context, EimRecord eim, PackageHeader package)
{
    private int _switches;
    private bool _rollbackGranted;
    private string? _rollbackIccid;

    /// <summary>Whether a profile was enabled or disabled: the terminal must REFRESH.</summary>
    public bool Switched { get; private set; }

    private CardEngine Engine => context.Engine;

    public byte[] Run(IReadOnlyList<byte[]> operations, bool psmo)
    {
        Engine.UpdateSettings(s =>
            s with { Eims = [.. s.Eims.Select(e => e.EimId == eim.EimId ? e with { Counter = (long)package.Counter } : e)] });
        var results = new List<byte[]>();
        var size = 0;
        foreach (var operation in operations)
        {
            byte[] result;
            bool ok;
            try
            {
                (result, ok) = psmo ? RunPsmo(operation) : RunEco(operation);
            }
            catch (AsnContentException)
            {
                (result, ok) = (Terminated(ProcessingTerminated.UnknownOrDamagedCommand), false);
            }
            size += result.Length;
            if (size > context.Options.MaxEuiccPackageResultSize)
            {
                results.Add(Terminated(ProcessingTerminated.ResultSizeOverflow));
                break;
            }
            results.Add(result);
            if (!ok) break;
        }

        byte[]? data = null;
        var signed = Engine.AddPackageResult(seq =>
        {
            data = ResultData(seq, results);
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence(Tags.Ctx(81, constructed: true)))
            using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
            {
                writer.WriteEncodedValue(data);
                writer.WriteOctetString(EuiccPackageSigner.SignResult(context, eim, package, data), Tags.App(55));
            }
            return writer.Encode();
        });
        // A granted rollback returns this very result later (SGP.32 §5.9.16).
        if (_rollbackGranted) Engine.UpdateSettings(s => s with { RollbackIccid = _rollbackIccid, RollbackResult = signed });
        return signed;
    }

    private byte[] ResultData(long seq, List<byte[]> results)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, package.EimId, Tags.Ctx(0));
            writer.WriteInteger(package.Counter, Tags.Ctx(1));
            if (package.TransactionId is { } txId) writer.WriteOctetString(txId, Tags.Ctx(2));
            writer.WriteInteger(seq, Tags.Ctx(3));
            using (writer.PushSequence())
            {
                foreach (var result in results) writer.WriteEncodedValue(result);
            }
        }
        return writer.Encode();
    }

    // SGP.32 §2.11.1.1.3 Psmo
    private (byte[] Result, bool Ok) RunPsmo(byte[] operation)
    {
        var tag = Asn1Tag.Decode(operation, out _);
        var wire = Tags.WireTag(tag);
        if (wire == 0xBF2D)
        {
            var listed = ProfileInfoList.Answer(new Es10Request(operation, tag), context);
            return (listed, IsListOk(listed));
        }
        if (wire == 0xBF65 && !context.Options.IsV10)
        {
            var address = Body(operation, tag).ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0));
            var code = (int)Engine.SetDefaultDpAddress(address);
            return (Es10Codec.Result(Tags.Ctx(101, constructed: true), code), code == 0);
        }
        var body = Body(operation, tag);
        // SGP.32 v1.0 §2.11.1.1.3 Psmo has no fallback attribute operations (v1.2 [8], [9]) nor setDefaultDpAddress.
        if (context.Options.IsV10 && wire is 0xA8 or 0xA9) return (Terminated(ProcessingTerminated.UnknownOrDamagedCommand), false);
        return wire switch
        {
            0xA3 => Enable(body),
            0xA4 => Disable(body),
            0xA5 => Delete(body),
            0xA6 => (GetRat(), true),
            0xA7 => ConfigureImmediateEnable(body),
            0xA8 => SetFallbackAttribute(body),
            0xA9 => UnsetFallbackAttribute(),
            _ => (Terminated(ProcessingTerminated.UnknownOrDamagedCommand), false),
        };
    }

    private (byte[], bool) Enable(AsnReader body)
    {
        var iccid = Es10Codec.ReadIccid(body);
        var rollback = false;
        if (body.HasData)
        {
            body.ReadNull();
            rollback = true;
        }
        if (++_switches > 1) return (IntResult(3, (int)EnableResult.UndefinedError), false); // one switch per package
        // SGP.32 v1.2 §5.9.1: catBusy while a proactive session (the previous switch's REFRESH) is still open.
        if (context.Proactive.Busy) return (IntResult(3, V10Code((int)EnableResult.CatBusy)), false);
        var current = Engine.EnabledProfile;
        // v1.0 EnableProfileResult has no rollbackNotAvailable (20) nor disallowedByPolicy (3): undefinedError there.
        if (rollback && current is null) return (IntResult(3, V10Code(IotProfileResults.RollbackNotAvailable)), false);
        // [unverified] the emergency profile is enabled only by EnableEmergencyProfile, never by a PSMO.
        if (Engine.Find(iccid) is { EcallIndication: true }) return (IntResult(3, V10Code((int)EnableResult.DisallowedByPolicy)), false);
        var result = Engine.EnableByPackage(ProfileSelector.ByIccid(iccid));
        if (result == EnableResult.Ok)
        {
            Switched = true;
            _rollbackGranted = rollback;
            _rollbackIccid = current?.Iccid.Digits;
        }
        return (IntResult(3, (int)result), result == EnableResult.Ok);
    }

    private (byte[], bool) Disable(AsnReader body)
    {
        var iccid = Es10Codec.ReadIccid(body);
        if (++_switches > 1) return (IntResult(4, (int)DisableResult.UndefinedError), false);
        if (context.Proactive.Busy) return (IntResult(4, V10Code((int)DisableResult.CatBusy)), false);
        var result = Engine.DisableByPackage(ProfileSelector.ByIccid(iccid));
        if (result == DisableResult.Ok) Switched = true;
        return (IntResult(4, (int)result), result == DisableResult.Ok);
    }

    private (byte[], bool) Delete(AsnReader body)
    {
        var iccid = Es10Codec.ReadIccid(body);
        // [unverified] the profile ReturnFromFallback would return to must stay.
        if (Engine.Settings.FallbackPreviousIccid == iccid.Digits)
            return (IntResult(5, V10Code(IotProfileResults.ReturnFallbackProfile)), false);
        var result = Engine.Delete(ProfileSelector.ByIccid(iccid));
        return (IntResult(5, (int)result), result == DeleteResult.Ok);
    }

    private byte[] GetRat()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        RatEncoder.Write(writer, Tags.Ctx(6, constructed: true), context.Options.Rat);
        return writer.Encode();
    }

    private (byte[], bool) ConfigureImmediateEnable(AsnReader body)
    {
        var enabled = false;
        string? oid = null, address = null;
        while (body.HasData)
        {
            var tag = body.PeekTag();
            if (tag.HasSameClassAndValue(Tags.Ctx(0)))
            {
                body.ReadNull(Tags.Ctx(0));
                enabled = true;
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(1)))
            {
                oid = body.ReadObjectIdentifier(Tags.Ctx(1));
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(2)))
            {
                address = body.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(2));
            }
            else
            {
                body.ReadEncodedValue();
            }
        }
        var result = Engine.ConfigureImmediateEnable(new ImmediateEnableConfig(enabled, oid, address));
        return (IntResult(7, (int)result), result == ConfigureImmediateEnableResult.Ok);
    }

    // SGP.32 §3.4.6
    private (byte[], bool) SetFallbackAttribute(AsnReader body)
    {
        var result = Engine.SetFallbackAttribute(Es10Codec.ReadIccid(body));
        return (IntResult(13, (int)result), result == SetFallbackAttributeResult.Ok);
    }

    // SGP.32 §3.4.7
    private (byte[], bool) UnsetFallbackAttribute()
    {
        var result = Engine.UnsetFallbackAttribute();
        return (IntResult(14, (int)result), result == UnsetFallbackAttributeResult.Ok);
    }

    // SGP.32 §2.11.1.1.2 Eco
    private (byte[] Result, bool Ok) RunEco(byte[] operation)
    {
        var tag = Asn1Tag.Decode(operation, out _);
        var body = Body(operation, tag);
        return Tags.WireTag(tag) switch
        {
            0xA8 => AddEim(body),
            0xA9 => DeleteEim(body),
            0xAA => UpdateEim(body),
            0xAB => (ListEim(), true),
            _ => (Terminated(ProcessingTerminated.UnknownOrDamagedCommand), false),
        };
    }

    private (byte[], bool) AddEim(AsnReader body)
    {
        var config = EimConfiguration.Read(body);
        var (record, code, token) = EimAdmission.Admit(config, context, Engine.Settings, []);
        // v1.0 AddEimResult has no associatedEimAlreadyExists (2): a duplicate eimId is a commandError there.
        if (context.Options.IsV10 && code == AddEimResultCode.AssociatedEimAlreadyExists) code = AddEimResultCode.CommandError;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Tags.Ctx(8, constructed: true)))
        {
            if (token is { } t) writer.WriteInteger(t, Tags.Ctx(4));
            else writer.WriteInteger((int)code);
        }
        if (record is not null)
            Engine.UpdateSettings(s => s with { Eims = [.. s.Eims, record], LastAssociationToken = token ?? s.LastAssociationToken });
        return (writer.Encode(), record is not null);
    }

    private (byte[], bool) DeleteEim(AsnReader body)
    {
        var id = body.ReadCharacterString(UniversalTagNumber.UTF8String, Tags.Ctx(0));
        if (Engine.FindEim(id) is null) return (IntResult(9, (int)EimChangeResult.EimNotFound), false);
        Engine.UpdateSettings(s => s with { Eims = [.. s.Eims.Where(e => e.EimId != id)] });
        // The deletion happened; lastEimDeleted only tells the eIM nobody is left to manage the card.
        var code = Engine.Settings.Eims.Count == 0 ? EimChangeResult.LastEimDeleted : EimChangeResult.Ok;
        return (IntResult(9, (int)code), true);
    }

    private (byte[], bool) UpdateEim(AsnReader body)
    {
        var config = EimConfiguration.Read(body);
        var existing = Engine.FindEim(config.EimId);
        EimChangeResult code;
        if (existing is null)
        {
            code = EimChangeResult.EimNotFound;
        }
        else if (config.Counter is { } c && (c < 0 || c > context.Options.MaxEimCounter))
        {
            code = EimChangeResult.CounterValueOutOfRange;
        }
        else if (config.CiSki is { } ski && context.Ecasd.FindChain(ski) is null)
        {
            code = EimChangeResult.CiPKUnknown;
        }
        else if (config.PublicKeyData is { } key && EimConfiguration.SigningKey(key) is null)
        {
            code = EimChangeResult.CommandError;
        }
        else
        {
            // Every field but eimId may change; a supplied associationToken is ignored.
            var updated = existing with
            {
                Fqdn = config.Fqdn ?? existing.Fqdn,
                IdType = config.IdType ?? existing.IdType,
                Counter = config.Counter is { } counter ? (long)counter : existing.Counter,
                PublicKeyData = config.PublicKeyData ?? existing.PublicKeyData,
                TlsKeyData = config.TlsKeyData ?? existing.TlsKeyData,
                Protocols = config.Protocols ?? existing.Protocols,
                CiSki = config.CiSki ?? existing.CiSki,
                CiSkiProvisioned = config.CiSki is not null || existing.CiSkiProvisioned,
                IndirectProfileDownload = config.IndirectProfileDownload || existing.IndirectProfileDownload,
            };
            Engine.UpdateSettings(s => s with { Eims = [.. s.Eims.Select(e => e.EimId == updated.EimId ? updated : e)] });
            code = EimChangeResult.Ok;
        }
        return (IntResult(10, (int)code), code == EimChangeResult.Ok);
    }

    private byte[] ListEim()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Tags.Ctx(11, constructed: true)))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            foreach (var e in Engine.Settings.Eims)
            {
                using (writer.PushSequence())
                {
                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, e.EimId, Tags.Ctx(0));
                    // EimIdInfo.eimIdType is [4] in SGP.32 v1.0 §2.11.2.1 and [2] in v1.2.
                    if (e.IdType is EimIdType.Oid or EimIdType.Fqdn)
                        writer.WriteInteger((int)e.IdType, Tags.Ctx(context.Options.IsV10 ? 4 : 2));
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>A v1.2-only result code as a v1.0 card reports it: undefinedError.</summary>
    private int V10Code(int code) => context.Options.IsV10 ? (int)EnableResult.UndefinedError : code;

    private static AsnReader Body(byte[] operation, Asn1Tag tag)
    {
        var reader = new AsnReader(operation, AsnEncodingRules.BER);
        var body = reader.ReadSequence(tag);
        reader.ThrowIfNotEmpty();
        return body;
    }

    private static bool IsListOk(byte[] response) =>
        new AsnReader(response, AsnEncodingRules.DER)
            .ReadSequence(Tags.Ctx(45, constructed: true)).PeekTag().HasSameClassAndValue(Tags.Ctx(0));

    private static byte[] IntResult(int tag, int value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(value, Tags.Ctx(tag));
        return writer.Encode();
    }

    private static byte[] Terminated(ProcessingTerminated reason)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger((int)reason);
        return writer.Encode();
    }
}
