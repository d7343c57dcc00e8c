namespace EuiccEmulator.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: euicc-emu <serve|apdu|init|keys|profiles> ...");
        return args.Length == 0 ? 2 : 2;
    }
}
