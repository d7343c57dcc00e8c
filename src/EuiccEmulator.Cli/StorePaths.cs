namespace EuiccEmulator.Cli;

/// <summary>Where a card lives when --store is not given.</summary>
public static class StorePaths
{
    /// <summary>$XDG_DATA_HOME/euicc-emulator/card.db, else ~/.local/share/euicc-emulator/card.db.</summary>
    public static string Default()
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "euicc-emulator", "card.db");
    }
}
