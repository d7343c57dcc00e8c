namespace EuiccEmulator.Servers.Es9;

/// <summary>An ES9+ function execution status (SGP.22 §6.5.1.4 FunctionExecutionStatus).</summary>
public sealed record Es9Status(bool IsSuccess, string? SubjectCode = null, string? ReasonCode = null, string? Message = null)
{
    public static Es9Status Success { get; } = new(true);

    public static Es9Status Failed(string subjectCode, string reasonCode, string message) => new(false, subjectCode, reasonCode, message);

    public override string ToString() => IsSuccess ? "Executed-Success" : $"Failed {SubjectCode}/{ReasonCode}: {Message}";
}

/// <summary>A function's output (null unless successful) and its status.</summary>
public sealed record Es9Result<T>(T? Value, Es9Status Status) where T : class
{
    public static implicit operator Es9Result<T>(Es9Status failure) => new(null, failure);
}

/// <summary>InitiateAuthentication output; the byte fields are complete TLVs as the LPA hands them to the card.</summary>
public sealed record InitiateAuthenticationOk(
    string TransactionId, byte[] ServerSigned1, byte[] ServerSignature1, byte[] EuiccCiPkIdToBeUsed, byte[] ServerCertificate);

/// <summary>AuthenticateClient output; complete TLVs (BF25, 30, 5F37, 30, 04).</summary>
public sealed record AuthenticateClientOk(
    string TransactionId, byte[] ProfileMetadata, byte[] SmdpSigned2, byte[] SmdpSignature2, byte[] SmdpCertificate, byte[]? HashCc = null);

/// <summary>GetBoundProfilePackage output: the BF36.</summary>
public sealed record BoundProfilePackageOk(string TransactionId, byte[] BoundProfilePackage);

/// <summary>The ES9+ interface (SGP.22 §5.6) between LPA (or eIM relay) and SM-DP+, independent of the HTTP binding.</summary>
/// <remarks>Transaction IDs are upper-case hex, as in the JSON binding.</remarks>
public interface IEs9Plus
{
    Task<Es9Result<InitiateAuthenticationOk>> InitiateAuthenticationAsync(byte[] euiccChallenge, byte[]? euiccInfo1, string smdpAddress,
        CancellationToken cancel = default);

    Task<Es9Result<AuthenticateClientOk>> AuthenticateClientAsync(string transactionId, byte[] authenticateServerResponse,
        CancellationToken cancel = default);

    Task<Es9Result<BoundProfilePackageOk>> GetBoundProfilePackageAsync(string transactionId, byte[] prepareDownloadResponse,
        CancellationToken cancel = default);

    Task<Es9Status> HandleNotificationAsync(byte[] pendingNotification, CancellationToken cancel = default);

    Task<Es9Status> CancelSessionAsync(string transactionId, byte[] cancelSessionResponse, CancellationToken cancel = default);
}

/// <summary>SGP.22 §6.5.2 status codes the test SM-DP+ uses (subject code, reason code).</summary>
public static class Es9Codes
{
    public static Es9Status InvalidData(string field, string why) => Es9Status.Failed("1.3.1", "2.1", $"{field}: {why}");

    public static Es9Status MissingData(string field) => Es9Status.Failed("1.3.1", "2.2", $"{field} missing");

    public static Es9Status UnknownTransaction(string why) => Es9Status.Failed("8.10.1", "3.9", why);

    public static Es9Status EuiccVerificationFailed(string why) => Es9Status.Failed("8.1", "6.1", why);

    public static Es9Status EuiccCertificateInvalid(string why) => Es9Status.Failed("8.1.3", "6.1", why);

    public static Es9Status MatchingIdRefused(string why) => Es9Status.Failed("8.2.6", "3.8", why);

    public static Es9Status SmdpAddressRefused(string why) => Es9Status.Failed("8.8.1", "3.8", why);

    public static Es9Status CiNotSupported(string why) => Es9Status.Failed("8.8.2", "3.1", why);

    public static Es9Status InvalidOid(string why) => Es9Status.Failed("8.8", "3.10", why);
}
