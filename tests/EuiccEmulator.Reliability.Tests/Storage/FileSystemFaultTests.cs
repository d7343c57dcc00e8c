using System.Diagnostics;
using EuiccEmulator.Card;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Reliability.Tests.Support;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Storage.LiteDb;
using EuiccEmulator.Testing;

namespace EuiccEmulator.Reliability.Tests.Storage;

/// <summary>
/// A real full disk: the store on a small tmpfs that a filler file has filled, so LiteDB's own writes get ENOSPC from
/// the kernel in the middle of each kind of commit. The card refuses, its memory and the files keep the before state,
/// and once the filler is gone the same operation succeeds and survives a reopen. Needs root for the mount: Skipped
/// without it, failed under CI.
/// </summary>
public sealed class FileSystemFaultTests : IDisposable
{
    private static readonly NotificationConfig All =
        new(NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete, "smdp.example.com");

    private readonly string _mount = Directory.CreateTempSubdirectory("euicc-tmpfs-").FullName;
    private readonly string _copies = Directory.CreateTempSubdirectory("euicc-tmpfs-copy-").FullName;
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted) Sh("umount", "-l", _mount);
        Directory.Delete(_mount, recursive: true);
        Directory.Delete(_copies, recursive: true);
    }

    [SkippableTheory]
    [InlineData("download")]
    [InlineData("package")]
    [InlineData("enable")]
    [InlineData("notification-removal")]
    [InlineData("memory-reset")]
    public void A_commit_on_a_full_tmpfs_changes_nothing_and_succeeds_once_space_is_back(string kind)
    {
        MountTmpfs(megabytes: 4);
        var path = Path.Combine(_mount, "card.db");
        var errors = new List<Exception>();
        // No idle checkpoint: the log must not be rewritten behind the test's back while the disk is full.
        var options = new LiteDbStoreOptions { IdleCheckpoint = TimeSpan.Zero };
        var store = LiteDbCardStore.Open(path, options);
        using var eim = new TestEim(new TestEimOptions { Eid = Eid.Parse(Rel.Eid), AssociationToken = null });
        string after;
        using (var euicc = Rel.NewCard(store, errors: errors))
        {
            Rel.AddProfile(euicc.Engine, Rel.IccidFor(1), All);
            Rel.AddProfile(euicc.Engine, Rel.IccidFor(2), All);
            Rel.SelectIsdR(euicc.Card);
            Assert.Equal(0x9000, Rel.Es10(euicc.Card, $"BF3111A00C5A0A{Rel.Swapped(Rel.IccidFor(1))}810100").Sw);
            if (kind == "package") StorageFaultTests.AddEim(euicc, eim);
            var seq = euicc.Engine.Notifications.Max(n => n.SeqNumber);
            var before = Rel.Digest(store);

            var filler = Path.Combine(_mount, "filler");
            Fill(filler);
            Assert.False(StorageFaultTests.Run(euicc, eim, kind, seq), $"{kind} claimed success on a full disk");
            Assert.Equal(before, StorageFaultTests.MemoryDigest(euicc));
            Assert.Equal(before, Rel.Digest(store));
            Assert.Equal(before, DigestOfCopy(path, "full"));

            File.Delete(filler);
            Assert.True(StorageFaultTests.Run(euicc, eim, kind, seq), $"{kind} fails after space came back");
            after = StorageFaultTests.MemoryDigest(euicc);
            Assert.NotEqual(before, after);
            Assert.Equal(after, DigestOfCopy(path, "after"));
            store.Dispose();
        }
        using (var reopened = LiteDbCardStore.Open(path))
            Assert.Equal(after, Rel.Digest(reopened));
        Assert.Empty(errors);
    }

    /// <summary>What a crash now would leave: the data file and its log copied aside and opened there.</summary>
    private string DigestOfCopy(string path, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_copies, name)).FullName;
        foreach (var file in Directory.EnumerateFiles(_mount, "card*.db"))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        using var copy = LiteDbCardStore.Open(Path.Combine(dir, Path.GetFileName(path)));
        return Rel.Digest(copy);
    }

    /// <summary>Writes until the kernel answers ENOSPC, so the next allocation on the file system fails.</summary>
    private static void Fill(string filler)
    {
        var chunk = new byte[4096];
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(chunk);
                stream.Flush();
            }
        }
        catch (IOException e) when (e.HResult == 28 || e.Message.Contains("space", StringComparison.OrdinalIgnoreCase))
        {
            // full: what the test wants
        }
    }

    private void MountTmpfs(int megabytes)
    {
        var root = Environment.UserName == "root" || Sh("id", "-u").Output.Trim() == "0";
        Requires.That(root && Requires.OnPath("mount"), "mounting a small tmpfs needs root and mount(8)");
        var (status, output) = Sh("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", _mount);
        Requires.That(status == 0, $"mount -t tmpfs failed ({output.Trim()}): the container lacks CAP_SYS_ADMIN");
        _mounted = true;
    }

    private static (int Status, string Output) Sh(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
