using LiteDB;

namespace EuiccEmulator.Servers.Eim;

/// <summary>What the test eIM knows about one card: its counter, association token, certificate, version.</summary>
public sealed class EimCardRecord
{
    /// <summary>The EID in 32 digits.</summary>
    [BsonId]
    public string Eid { get; set; } = "";

    /// <summary>The counterValue of the last package built for this card; the next carries this + 1.</summary>
    public long LastCounter { get; set; }

    /// <summary>The associationToken the card assigned (learnt from IpaEuiccData or given when queueing); null: unknown.</summary>
    public long? AssociationToken { get; set; }

    /// <summary>CERT.EUICC (30 ...) once a verified IpaEuiccData carried it: used to verify euiccSignEPR/EPE.</summary>
    public byte[]? EuiccCertificate { get; set; }

    /// <summary>"1.0" (eimSignature over EuiccPackageSigned alone) or "1.2".</summary>
    public string Sgp32Version { get; set; } = "1.2";
}

/// <summary>One queued eIM Package, from queueing to its verified result; never deleted.</summary>
public sealed class EimQueueRecord
{
    public int Id { get; set; }

    public string Eid { get; set; } = "";

    /// <summary>"euiccPackage" (BF51) or "ipaEuiccData" (BF52).</summary>
    public string Kind { get; set; } = "";

    /// <summary>What the package asks, e.g. "enable 89...".</summary>
    public string Description { get; set; } = "";

    /// <summary>The package as delivered in GetEimPackageResponse (BF51 or BF52).</summary>
    public byte[] Encoded { get; set; } = [];

    /// <summary>"queued", "sent" (delivered, result pending) or "done".</summary>
    public string State { get; set; } = "queued";

    public byte[]? TransactionId { get; set; }

    public long CounterValue { get; set; }

    public byte[] SignedData { get; set; } = [];

    public byte[] SignatureInput { get; set; } = [];

    public byte[] Signature { get; set; } = [];

    public byte[] AssociationTokenDo { get; set; } = [];

    /// <summary>EuiccResultKind per operation; 0 for an operation without an expected kind.</summary>
    public int[] ExpectedResults { get; set; } = [];

    /// <summary>The verified result as shown, once it arrived.</summary>
    public string? Result { get; set; }

    public DateTime Queued { get; set; }
}

/// <summary>The test eIM's own LiteDB file: cards and the package queue, each change committed at once.</summary>
public sealed class EimStore : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<EimCardRecord> _cards;
    private readonly ILiteCollection<EimQueueRecord> _queue;

    public EimStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        // Direct connection: one process owns the file (the server); the CLI queues through its admin endpoint.
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        _cards = _db.GetCollection<EimCardRecord>("cards");
        _queue = _db.GetCollection<EimQueueRecord>("queue");
        _queue.EnsureIndex(q => q.Eid);
    }

    public string Path { get; }

    public EimCardRecord? FindCard(string eid) => _cards.FindById(eid);

    public void Upsert(EimCardRecord card) => _cards.Upsert(card);

    public int Add(EimQueueRecord item) => _queue.Insert(item).AsInt32;

    public void Update(EimQueueRecord item) => _queue.Update(item);

    /// <summary>The card's items in queueing order.</summary>
    public IReadOnlyList<EimQueueRecord> Items(string eid) => [.. _queue.Find(q => q.Eid == eid).OrderBy(q => q.Id)];

    public IReadOnlyList<EimQueueRecord> AllItems() => [.. _queue.FindAll().OrderBy(q => q.Id)];

    public void Dispose() => _db.Dispose();
}
