using EuiccEmulator.Testing;

namespace EuiccEmulator.Pcsc.Tests.Support;

/// <summary>
/// Entry to the tests that need a running pcscd with the vpcd driver. Without pcscd (or with
/// <c>EUICC_PCSC_TESTS=0</c>) they are Skipped with the reason; under CI=true they fail instead.
/// </summary>
internal static class PcscdGate
{
    public const string Variable = "EUICC_PCSC_TESTS";

    /// <summary>Reader names of the two vpcd slots (reader.conf of vsmartcard-vpcd) and their TCP ports.</summary>
    public const string Slot0 = "Virtual PCD 00 00";
    public const string Slot1 = "Virtual PCD 00 01";
    public const int Slot0Port = 35963;
    public const int Slot1Port = 35964;

    public static bool Disabled => Environment.GetEnvironmentVariable(Variable) == "0";

    /// <summary>A context on the running pcscd with both vpcd readers; Skipped (failed under CI) when they are missing.</summary>
    public static PcscContext Establish()
    {
        Requires.That(!Disabled, $"{Variable}=0: the PC/SC integration tests are switched off");

        PcscContext? context = null;
        var problem = "";
        try
        {
            context = PcscContext.Establish();
        }
        catch (PcscException ex) when (ex.Error == PcscError.NoService)
        {
            problem = $"pcscd is not reachable ({ex.Message}): start it with pcscd --foreground";
        }

        if (context is not null)
        {
            var readers = context.ListReaders();
            if (!readers.Contains(Slot0) || !readers.Contains(Slot1))
            {
                context.Dispose();
                context = null;
                problem = $"pcscd runs without the vpcd readers '{Slot0}' and '{Slot1}' (readers: {string.Join(", ", readers)}): "
                    + $"install vsmartcard-vpcd";
            }
        }

        Requires.That(context is not null, problem);
        return context!;
    }
}
