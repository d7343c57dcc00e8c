global using EuiccEmulator.Card;
global using EuiccEmulator.Card.Ecasd;
global using EuiccEmulator.Iso7816;
global using EuiccEmulator.Rsp.Pki;
global using EuiccEmulator.Rsp.Values;
global using EuiccEmulator.State;
global using EuiccEmulator.Storage.LiteDb;
