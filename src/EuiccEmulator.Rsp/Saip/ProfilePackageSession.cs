using System.Globalization;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>
/// Receives one package in chunks (e.g. the decrypted 86 segments of a download), frames and checks each PE as soon
/// as it is complete, and stops at the first error. Never throws for bad package content.
/// </summary>
// SAIP v3.3.1 §8 (docs/saip.md#installation-steps, steps 1-4).
internal sealed class ProfilePackageSession
{
    private readonly ProfileElementReader _reader;
    private readonly ProfilePackageValidator _validator;
    private readonly List<ProfileElement> _elements = [];
    private ProfilePackageResult? _result;

    public ProfilePackageSession(SaipOptions? options = null)
    {
        options ??= SaipOptions.Default;
        _reader = new ProfileElementReader(options.Limits);
        _validator = new ProfilePackageValidator(options.Capabilities);
    }

    /// <summary>The first error, once one occurred.</summary>
    public SaipError? Error { get; private set; }

    /// <summary>PEs received and accepted so far, in order.</summary>
    public IReadOnlyList<ProfileElement> Elements => _elements;

    /// <summary>The end PE has been accepted.</summary>
    public bool EndReceived => _validator.EndSeen;

    /// <summary>Takes the next chunk; returns the error if the package is (or already was) refused, else null.</summary>
    public SaipError? Push(ReadOnlySpan<byte> chunk)
    {
        if (Error is not null || chunk.IsEmpty) return Error;
        try
        {
            while (!chunk.IsEmpty)
            {
                if (_validator.EndSeen)
                    return Error = AfterEnd(chunk.Length);
                if (_reader.ReadOne(ref chunk) is not { } element) break;
                _validator.Check(element);
                _elements.Add(element);
            }
        }
        catch (SaipException ex)
        {
            Error = ex.Error;
        }
        return Error;
    }

    // SAIP v3.3.1 §8.2: the end PE is the last PE; whatever follows is refused before it is buffered.
    private SaipError AfterEnd(int count) =>
        new(PeStatusCode.InvalidRequestFormat, null, null, _reader.BytesReceived,
            $"{count.ToString(CultureInfo.InvariantCulture)} bytes after the end PE");

    /// <summary>Declares the package complete and returns the outcome.</summary>
    public ProfilePackageResult Complete()
    {
        if (_result is not null) return _result;
        if (Error is null)
        {
            try
            {
                _reader.Complete();
                var summary = _validator.Finish();
                return _result = new ProfilePackageResult(summary, null, _elements);
            }
            catch (SaipException ex)
            {
                Error = ex.Error;
            }
        }
        return _result = new ProfilePackageResult(null, Error, _elements);
    }
}

/// <summary>Outcome of checking one profile package.</summary>
internal sealed class ProfilePackageResult
{
    internal ProfilePackageResult(ProfilePackageSummary? summary, SaipError? error, IReadOnlyList<ProfileElement> elements)
    {
        Summary = summary;
        Error = error;
        Elements = elements;
    }

    public bool IsSuccess => Error is null;

    /// <summary>Set when <see cref="IsSuccess"/>.</summary>
    public ProfilePackageSummary? Summary { get; }

    /// <summary>Set when the package was refused.</summary>
    public SaipError? Error { get; }

    /// <summary>The PEs accepted (all of them on success).</summary>
    public IReadOnlyList<ProfileElement> Elements { get; }

    /// <summary>The SAIP EUICCResponse DER for simaResponse.</summary>
    public byte[] EncodeEuiccResponse() => EuiccResponse.Encode(Error);
}

/// <summary>Whole-package entry points.</summary>
internal static class ProfilePackage
{
    /// <summary>Frames and validates a complete package; never throws for bad content.</summary>
    public static ProfilePackageResult Validate(ReadOnlySpan<byte> package, SaipOptions? options = null)
    {
        var session = new ProfilePackageSession(options);
        session.Push(package);
        return session.Complete();
    }
}
