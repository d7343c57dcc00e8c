using System.Globalization;

namespace EuiccEmulator.Pcsc;

/// <summary>A PC/SC call failed. The message is one line naming the call, the reader and the pcsclite.h error name.</summary>
public sealed class PcscException : Exception
{
    public PcscException()
    {
    }

    public PcscException(string message)
        : base(message)
    {
    }

    public PcscException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="code">The PC/SC return code.</param>
    /// <param name="operation">The PC/SC function or step, e.g. <c>SCardConnect</c>.</param>
    /// <param name="reader">The reader concerned, if any.</param>
    /// <param name="detail">Extra context appended to the message.</param>
    public PcscException(uint code, string operation, string? reader = null, string? detail = null, Exception? innerException = null)
        : base(Format(code, operation, reader, detail), innerException)
    {
        Code = code;
        Operation = operation;
        Reader = reader;
    }

    /// <summary>The raw return code (0 when the exception was not built from one).</summary>
    public uint Code { get; }

    public PcscError Error => (PcscError)Code;

    /// <summary>The pcsclite.h name of <see cref="Code"/>, e.g. <c>SCARD_E_NO_SERVICE</c>.</summary>
    public string ErrorName => PcscErrors.Name(Code);

    public string? Operation { get; }

    public string? Reader { get; }

    /// <summary>
    /// E.g. <c>SCardConnect on reader 'Virtual PCD 00 00' failed: SCARD_E_NO_SMARTCARD (0x8010000C),
    /// no card in the reader</c>.
    /// </summary>
    public static string Format(uint code, string operation, string? reader, string? detail)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var where = reader is null ? string.Empty : " on reader '" + reader + "'";
        var text = detail is null ? PcscErrors.Describe(code) : PcscErrors.Describe(code) + "; " + detail;
        return string.Create(CultureInfo.InvariantCulture, $"{operation}{where} failed: {PcscErrors.Name(code)} (0x{code:X8}), {text}");
    }

    /// <summary>Throws when <paramref name="rv"/> is not SCARD_S_SUCCESS.</summary>
    internal static void ThrowIfFailed(nint rv, string operation, string? reader = null)
    {
        var code = Native.PcscNative.Code(rv);
        if (code != 0)
        {
            throw new PcscException(code, operation, reader);
        }
    }
}
