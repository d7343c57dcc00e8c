using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Download;

/// <summary>
/// Installs a Bound Profile Package arriving as segments (SGP.22 §2.5.5): BF36 header with BF23, A0/87,
/// A1 header and each 88, optional A2/87, A3 header and each 86. Nothing is stored until the last 86 is
/// processed; any failure ends the session with a signed error result.
/// </summary>
internal sealed class BppLoader : IDisposable
{
    private enum Stage { ConfigureIsdp, MetadataHeader, Metadata, ReplaceKeysOrProfileHeader, ProfileElements }

    // The most the package buffer takes before any profile data has arrived.
    private const int PackagePresizeLimit = 256 * 1024;

    private readonly IsdRContext _context;
    private readonly DownloadSession _session;
    private readonly BspUnwrapper _bsp;
    private readonly MemoryStream _metadata = new();
    private readonly MemoryStream _package = new();
    private readonly ProfilePackageSession _saip = new();
    private Stage _stage = Stage.ConfigureIsdp;
    private long _bppRemaining;      // BF36 content bytes still to come
    private long _containerRemaining; // content bytes of the open A1 or A3 still to come
    private ProfileRecord? _profile;
    private byte[]? _dpProprietaryData;

    private BppLoader(IsdRContext context, DownloadSession session, BspUnwrapper bsp, long bppRemaining)
    {
        _context = context;
        _session = session;
        _bsp = bsp;
        _bppRemaining = bppRemaining;
    }

    /// <summary>First segment: BF36 tag and length, then the complete InitialiseSecureChannelRequest.</summary>
    // SGP.22 §5.5.2 InitialiseSecureChannel
    public static byte[] Start(IsdRContext context, byte[] segment)
    {
        var session = context.Download;
        if (session is null || !session.Prepared || session.Loader is not null)
            throw new CardException(StatusWord.ReferencedDataNotFound, "no download session for a BPP");
        if (DerHeader.TryRead(segment, out _, out var headerLength, out var bppLength) != DerHeaderStatus.Ok)
            throw new CardException(StatusWord.IncorrectData, "BF36 header");
        var isc = segment.AsSpan(headerLength);
        if (DerHeader.TryRead(isc, out var iscTag, out var iscHeader, out var iscLength) != DerHeaderStatus.Ok
            || iscTag != 0xBF23 || iscHeader + iscLength != isc.Length || isc.Length > bppLength)
        {
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.IncorrectInputValues);
        }

        byte[] remoteOpIdTlv, transactionIdTlv, crtTlv, smdpOtpkTlv;
        byte[] smdpOtpk, smdpSign;
        int remoteOpId;
        byte[] keyType, keyLength, hostId, transactionId;
        try
        {
            var fields = new AsnReader(isc.ToArray(), AsnEncodingRules.BER).ReadSequence(Tags.Ctx(35, constructed: true));
            remoteOpIdTlv = fields.ReadEncodedValue().ToArray();
            remoteOpId = (int)new AsnReader(remoteOpIdTlv, AsnEncodingRules.BER).ReadInteger(Tags.Ctx(2));
            transactionIdTlv = fields.ReadEncodedValue().ToArray();
            transactionId = new AsnReader(transactionIdTlv, AsnEncodingRules.BER).ReadOctetString(Tags.Ctx(0));
            crtTlv = fields.ReadEncodedValue().ToArray();
            var crt = new AsnReader(crtTlv, AsnEncodingRules.BER).ReadSequence(Tags.Ctx(6, constructed: true));
            keyType = crt.ReadOctetString(Tags.Ctx(0));
            keyLength = crt.ReadOctetString(Tags.Ctx(1));
            hostId = crt.ReadOctetString(Tags.Ctx(4));
            smdpOtpkTlv = fields.ReadEncodedValue().ToArray();
            smdpOtpk = new AsnReader(smdpOtpkTlv, AsnEncodingRules.BER).ReadOctetString(Tags.App(73));
            smdpSign = fields.ReadOctetString(Tags.App(55));
        }
        catch (Exception e) when (e is AsnContentException or OverflowException)
        {
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.IncorrectInputValues);
        }

        if (remoteOpId != 1)
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.UnsupportedRemoteOperationType);
        if (!transactionId.AsSpan().SequenceEqual(session.TransactionId))
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.InvalidTransactionId);
        if (keyType is not [0x88] || keyLength is not [0x10] || hostId.Length is < 1 or > 16)
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.UnsupportedCrtValues);

        // smdpSign covers the BF23 content without 5F37, then the euiccOtpk DO (docs/crypto.md#what-each-signature-covers).
        var euiccOtpkDo = OtpkDo(session.OneTimeKey!.PublicPoint.Span);
        byte[] signedPart = [.. remoteOpIdTlv, .. transactionIdTlv, .. crtTlv, .. smdpOtpkTlv, .. euiccOtpkDo];
        if (!session.DpPbKey!.Verify(signedPart, smdpSign))
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.InvalidSignature);

        byte[] sharedSecret;
        try
        {
            sharedSecret = session.OneTimeKey.DeriveSharedSecret(smdpOtpk);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Fail(context, session, null, BppCommandId.InitialiseSecureChannel, ErrorReason.IncorrectInputValues);
        }
        var keys = BspKeyDerivation.Derive(sharedSecret, keyType[0], keyLength[0], hostId, context.Ecasd.Eid.ToBytes());
        var loader = new BppLoader(context, session, new BspUnwrapper(keys), bppLength - isc.Length);
        session.Loader = loader;
        return [];
    }

    /// <summary>A later segment; returns empty while all is well, the signed result at the end or on failure.</summary>
    public static byte[] Continue(IsdRContext context, byte[] segment)
    {
        var loader = context.Download?.Loader
            ?? throw new CardException(StatusWord.ReferencedDataNotFound, "no BPP is being loaded");
        return loader.Process(segment);
    }

    private byte[] Process(byte[] segment)
    {
        if (segment.Length > _bppRemaining) return Fail(CurrentCommand(), ErrorReason.IncorrectInputValues);
        _bppRemaining -= segment.Length;
        var data = segment.AsSpan();
        try
        {
            while (!data.IsEmpty)
            {
                var status = DerHeader.TryRead(data, out var tag, out var header, out var length);
                if (status != DerHeaderStatus.Ok) return Fail(CurrentCommand(), ErrorReason.Scp03tStructureError);
                var whole = header + length <= data.Length;
                var result = (_stage, tag) switch
                {
                    (Stage.ConfigureIsdp, 0xA0) when whole => ConfigureIsdp(data.Slice(header, (int)length)),
                    (Stage.MetadataHeader, 0xA1) => OpenContainer(length, Stage.Metadata, BppCommandId.StoreMetadata),
                    (Stage.Metadata, 0x88) when whole => StoreMetadata(data[..(header + (int)length)]),
                    (Stage.ReplaceKeysOrProfileHeader, 0xA2) when whole => ReplaceSessionKeys(data.Slice(header, (int)length)),
                    (Stage.ReplaceKeysOrProfileHeader, 0xA3) => OpenProfileElements(length),
                    (Stage.ProfileElements, 0x86) when whole => LoadProfileElements(data[..(header + (int)length)]),
                    _ => Fail(CurrentCommand(), ErrorReason.Scp03tStructureError),
                };
                if (result is not null) return result;
                // Container headers (A1, A3) consume only their header; the others their whole TLV.
                data = data[(tag is 0xA1 or 0xA3 ? header : header + (int)length)..];
            }
            return [];
        }
        catch (BspException e)
        {
            return Fail(CurrentCommand(),
                e.Failure == BspFailure.SecurityError ? ErrorReason.Scp03tSecurityError : ErrorReason.Scp03tStructureError);
        }
    }

    /// <summary>Records the signed interruption result; the partial profile was never stored.</summary>
    public void Interrupt() => Fail(CurrentCommand(), ErrorReason.InstallFailedDueToInterruption);

    private BppCommandId CurrentCommand() => _stage switch
    {
        Stage.ConfigureIsdp => BppCommandId.ConfigureIsdp,
        Stage.MetadataHeader or Stage.Metadata => BppCommandId.StoreMetadata,
        Stage.ReplaceKeysOrProfileHeader => BppCommandId.ReplaceSessionKeys,
        _ => BppCommandId.LoadProfileElements,
    };

    // SGP.22 §5.5.3 ConfigureISDP: A0 { 87 { BF24 { B8 dpProprietaryData? } } }
    private byte[]? ConfigureIsdp(ReadOnlySpan<byte> content)
    {
        while (!content.IsEmpty)
        {
            if (DerHeader.TryRead(content, out var tag, out var header, out var length) != DerHeaderStatus.Ok
                || tag != 0x87 || header + length > content.Length)
            {
                return Fail(BppCommandId.ConfigureIsdp, ErrorReason.Scp03tStructureError);
            }

            var plain = _bsp.UnwrapElement(content[..(header + (int)length)]);
            try
            {
                var request = new AsnReader(plain, AsnEncodingRules.BER).ReadSequence(Tags.Ctx(36, constructed: true));
                if (request.HasData && request.PeekTag().HasSameClassAndValue(Tags.Ctx(24)))
                {
                    var dp = request.ReadEncodedValue();
                    if (dp.Length > 128) return Fail(BppCommandId.ConfigureIsdp, ErrorReason.IncorrectInputValues);
                    _dpProprietaryData = dp.ToArray();
                }
            }
            catch (AsnContentException)
            {
                return Fail(BppCommandId.ConfigureIsdp, ErrorReason.IncorrectInputValues);
            }
            content = content[(header + (int)length)..];
        }
        _stage = Stage.MetadataHeader;
        return null;
    }

    private byte[]? OpenContainer(long length, Stage next, BppCommandId command)
    {
        _containerRemaining = length;
        _stage = next;
        return length == 0 ? Fail(command, ErrorReason.IncorrectInputValues) : null;
    }

    // SGP.22 §5.5.4 StoreMetadata: the 88 payloads together form one BF25.
    private byte[]? StoreMetadata(ReadOnlySpan<byte> tlv)
    {
        if (tlv.Length > _containerRemaining) return Fail(BppCommandId.StoreMetadata, ErrorReason.Scp03tStructureError);
        _containerRemaining -= tlv.Length;
        _metadata.Write(_bsp.UnwrapElement(tlv));
        if (_containerRemaining > 0) return null;

        ProfileRecord profile;
        try
        {
            profile = StoreMetadataParser.Parse(_metadata.ToArray());
        }
        catch (AsnContentException)
        {
            return Fail(BppCommandId.StoreMetadata, ErrorReason.IncorrectInputValues);
        }
        _profile = profile with { DpProprietaryData = _dpProprietaryData, Origin = _session.ServerAddress };
        if (_context.Engine.Find(profile.Iccid) is not null)
            return Fail(BppCommandId.StoreMetadata, ErrorReason.InstallFailedDueToIccidAlreadyExistsOnEuicc);
        // Card limits: a full profile table or notification list is insufficient memory for this profile.
        if (_context.Engine.Profiles.Count >= _context.Engine.Limits.MaxProfiles
            || _context.Engine.PendingProfileNotifications >= _context.Engine.Limits.MaxPendingNotifications)
        {
            return Fail(BppCommandId.StoreMetadata, ErrorReason.InstallFailedDueToInsufficientMemoryForProfile);
        }

        if (!_context.Options.AllowedProfileClasses.Contains(profile.ProfileClass))
            return Fail(BppCommandId.StoreMetadata, ErrorReason.UnsupportedProfileClass);
        var pprs = profile.Pprs & (PprIds.Ppr1DisableNotAllowed | PprIds.Ppr2DeleteNotAllowed);
        if (pprs != PprIds.None && !_context.Options.Rat.Any(rule => rule.Allows(pprs, profile.ProfileOwner)))
            return Fail(BppCommandId.StoreMetadata, ErrorReason.PprNotAllowed);
        _stage = Stage.ReplaceKeysOrProfileHeader;
        return null;
    }

    // SGP.22 §5.5.5 ReplaceSessionKeys: A2 { 87 { BF26 { 80 mcv, 81 ppkEnc, 82 ppkCmac } } }
    private byte[]? ReplaceSessionKeys(ReadOnlySpan<byte> content)
    {
        if (DerHeader.TryRead(content, out var tag, out var header, out var length) != DerHeaderStatus.Ok
            || tag != 0x87 || header + length != content.Length)
        {
            return Fail(BppCommandId.ReplaceSessionKeys, ErrorReason.Scp03tStructureError);
        }

        var plain = _bsp.UnwrapElement(content);
        try
        {
            var request = new AsnReader(plain, AsnEncodingRules.BER).ReadSequence(Tags.Ctx(38, constructed: true));
            var mcv = request.ReadOctetString(Tags.Ctx(0));
            var enc = request.ReadOctetString(Tags.Ctx(1));
            var mac = request.ReadOctetString(Tags.Ctx(2));
            if (mcv.Length != 16 || enc.Length != 16 || mac.Length != 16)
                return Fail(BppCommandId.ReplaceSessionKeys, ErrorReason.IncorrectInputValues);
            _bsp.ReplaceSessionKeys(new BspSessionKeys(mcv, enc, mac));
        }
        catch (AsnContentException)
        {
            return Fail(BppCommandId.ReplaceSessionKeys, ErrorReason.IncorrectInputValues);
        }
        return null; // the A3 header follows
    }

    private byte[]? OpenProfileElements(long length)
    {
        var free = _context.Options.ProfileMemory - _context.Engine.Profiles.Sum(p => (long)p.PackageSize);
        if (EstimatePackage(length) > free)
            return Fail(BppCommandId.LoadProfileElements, ErrorReason.InstallFailedDueToInsufficientMemoryForProfile);
        // The plaintext is at most the container's length: one buffer instead of doubling and copying (a third of a
        // 64 KB package's installation time). Capped, since the length is only announced: the data may never come.
        _package.Capacity = (int)Math.Clamp(length, 0, PackagePresizeLimit);
        return OpenContainer(length, Stage.ProfileElements, BppCommandId.LoadProfileElements);
    }

    // A lower bound of the package size: each 86 TLV of at most 1020 bytes adds a header, a MAC and padding.
    private static long EstimatePackage(long sequenceLength) => sequenceLength * 990 / 1020;

    // SGP.22 §5.5.6 LoadProfileElements: the decrypted 86 payloads form the profile package stream.
    private byte[]? LoadProfileElements(ReadOnlySpan<byte> tlv)
    {
        if (tlv.Length > _containerRemaining) return Fail(BppCommandId.LoadProfileElements, ErrorReason.Scp03tStructureError);
        _containerRemaining -= tlv.Length;
        var plain = _bsp.UnwrapElement(tlv);
        _package.Write(plain);
        if (_saip.Push(plain) is { } error) return PeFailure(error);
        if (_containerRemaining > 0) return null;
        if (_bppRemaining != 0) return Fail(BppCommandId.LoadProfileElements, ErrorReason.Scp03tStructureError);

        var result = _saip.Complete();
        if (!result.IsSuccess) return PeFailure(result.Error!);
        var profile = _profile!;
        if (result.Summary!.Iccid != profile.Iccid)
            return Fail(BppCommandId.LoadProfileElements, ErrorReason.InstallFailedDueToDataMismatch);
        var package = _package.ToArray();
        var simaResponse = EuiccResponse.Success();
        var (_, pir) = _context.Engine.InstallDownloaded(profile, package, _session.ServerAddress, _session.DpPbOid ?? _session.SmdpOid,
            (seq, aid) => ProfileInstallationResult(_context, _session, seq, profile.Iccid, w => WriteSuccess(w, aid, simaResponse)));
        _context.EndDownload();
        return pir;
    }

    private byte[] PeFailure(SaipError error) =>
        Fail(BppCommandId.LoadProfileElements, ErrorReason.InstallFailedDueToPEProcessingError, EuiccResponse.Encode(error));

    private byte[] Fail(BppCommandId command, ErrorReason reason, byte[]? simaResponse = null) =>
        Fail(_context, _session, _profile?.Iccid, command, reason, simaResponse);

    /// <summary>Ends the session with a signed error result, kept as a pending notification.</summary>
    private static byte[] Fail(IsdRContext context, DownloadSession session, Iccid? iccid, BppCommandId command,
        ErrorReason reason, byte[]? simaResponse = null)
    {
        var pir = context.Engine.RecordFailedInstall(session.ServerAddress, iccid,
            seq => ProfileInstallationResult(context, session, seq, iccid, w =>
            {
                using (w.PushSequence(Tags.Ctx(1, constructed: true)))
                {
                    w.WriteInteger((int)command, Tags.Ctx(0));
                    w.WriteInteger((int)reason, Tags.Ctx(1));
                    if (simaResponse is not null) w.WriteOctetString(simaResponse, Tags.Ctx(2));
                }
            }));
        context.EndDownload();
        return pir;
    }

    private static void WriteSuccess(AsnWriter w, byte[] aid, byte[] simaResponse)
    {
        using (w.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            w.WriteOctetString(aid, Tags.App(15));
            w.WriteOctetString(simaResponse);
        }
    }

    // SGP.22 §5.5.7: BF37 { BF27 { 80 txId, BF2F notificationMetadata, 06 smdpOid, A2 finalResult }, 5F37 euiccSignPIR }
    private static byte[] ProfileInstallationResult(IsdRContext context, DownloadSession session, long seq, Iccid? iccid,
        Action<AsnWriter> writeFinalResult)
    {
        var data = new AsnWriter(AsnEncodingRules.DER);
        using (data.PushSequence(Tags.Ctx(39, constructed: true)))
        {
            data.WriteOctetString(session.TransactionId, Tags.Ctx(0));
            NotificationMetadataCodec.Write(data, seq, NotificationEvents.Install, session.ServerAddress, iccid);
            data.WriteObjectIdentifier(session.DpPbOid ?? session.SmdpOid);
            using (data.PushSequence(Tags.Ctx(2, constructed: true))) writeFinalResult(data);
        }
        var signed = data.Encode();
        var signature = context.Ecasd.Sign(signed, session.CiSki);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Tags.Ctx(55, constructed: true)))
        {
            writer.WriteEncodedValue(signed);
            writer.WriteOctetString(signature, Tags.App(55));
        }
        return writer.Encode();
    }

    private static byte[] OtpkDo(ReadOnlySpan<byte> point)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(point, Tags.App(73));
        return writer.Encode();
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _package.Dispose();
    }
}
