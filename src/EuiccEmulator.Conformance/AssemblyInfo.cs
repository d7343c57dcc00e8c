namespace EuiccEmulator.Conformance;
