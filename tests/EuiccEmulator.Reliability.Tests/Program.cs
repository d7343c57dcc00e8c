using EuiccEmulator.Reliability.Tests.Crash;

namespace EuiccEmulator.Reliability.Tests;

/// <summary>Entry point when the crash harness starts this assembly as a child process.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["crash-child", var store, var seed])
            return CrashChild.Run(store, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture));
        Console.Error.WriteLine("usage: crash-child STORE SEED");
        return 2;
    }
}
