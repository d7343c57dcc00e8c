namespace EuiccEmulator.Rsp.Bsp;

/// <summary>A BSP TLV the card must refuse; the installation is aborted with <see cref="Failure"/>.</summary>
internal sealed class BspException(BspFailure failure, string message) : Exception(message)
{
    public BspFailure Failure { get; } = failure;
}
