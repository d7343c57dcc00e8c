namespace EuiccEmulator.Cli;

/// <summary>A command line error: one line naming the option or file, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
