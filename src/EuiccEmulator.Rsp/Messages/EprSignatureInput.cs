namespace EuiccEmulator.Rsp.Messages;

/// <summary>The data object appended to the result data before signing an eUICC Package Result.</summary>
public enum EprSignatureInput
{
    /// <summary>The request's eimSignature DO (5F37 40 ...), as SGP.32 §2.11.2.1 says.</summary>
    EimSignature = 0,

    /// <summary>The associationToken DO (84 len value; 84 01 00 without a token).</summary>
    AssociationToken = 1,
}
