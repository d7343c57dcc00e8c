using EuiccEmulator.Pcsc;

namespace EuiccEmulator.Cli;

/// <summary>Opens a card in a PC/SC reader for the CLI; failures become one CLI error line.</summary>
public static class PcscTarget
{
    /// <summary>The emulator's own reader when vpcd slot 0 serves it.</summary>
    public const string DefaultReader = "Virtual PCD 00 00";

    public static PcscCard Open(string? reader)
    {
        try
        {
            return PcscCard.Open(string.IsNullOrEmpty(reader) ? DefaultReader : reader, TimeSpan.FromSeconds(10));
        }
        catch (PcscException e)
        {
            throw new CliException($"--target: {e.Message}");
        }
    }
}
