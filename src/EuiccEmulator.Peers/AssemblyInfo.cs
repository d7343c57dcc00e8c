namespace EuiccEmulator.Peers;
