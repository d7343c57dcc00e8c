namespace EuiccEmulator.Pcsc;
