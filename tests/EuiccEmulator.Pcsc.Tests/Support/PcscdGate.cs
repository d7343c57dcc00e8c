namespace EuiccEmulator.Pcsc.Tests.Support;

/// <summary>
/// Entry to the tests that need a running pcscd with the vpcd driver. Without pcscd they fail, so a CI that
/// forgot to start it does not pass silently; <c>EUICC_PCSC_TESTS=0</c> opts out explicitly.
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

    /// <summary>A context on the running pcscd; null when the tests are switched off. Fails when pcscd or vpcd is missing.</summary>
    public static PcscContext? Establish()
    {
        if (Disabled)
        {
            return null;
        }

        PcscContext context;
        try
        {
            context = PcscContext.Establish();
        }
        catch (PcscException ex) when (ex.Error == PcscError.NoService)
        {
            throw new Xunit.Sdk.XunitException(
                $"pcscd is not reachable ({ex.Message}). Start it (pcscd --foreground) or set {Variable}=0 to skip the PC/SC integration tests.");
        }

        IReadOnlyList<string> readers = context.ListReaders();
        if (!readers.Contains(Slot0) || !readers.Contains(Slot1))
        {
            context.Dispose();
            throw new Xunit.Sdk.XunitException(
                $"pcscd runs but without the vpcd readers '{Slot0}' and '{Slot1}' (readers: {string.Join(", ", readers)}); install vsmartcard-vpcd.");
        }

        return context;
    }
}
