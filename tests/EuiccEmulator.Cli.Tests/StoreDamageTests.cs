using EuiccEmulator.Cli.Tests.Support;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli.Tests;

/// <summary>
/// A damaged or missing store: one error line naming the file, exit code 3, the file byte for byte as it was, and
/// never a new card in its place.
/// </summary>
public sealed class StoreDamageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-damage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A store with a few profiles (pre-loaded and downloaded) and notifications, closed cleanly.</summary>
    private string GoodStore()
    {
        var store = Path.Combine(_dir, "card.db");
        var profiles = Path.Combine(Cmd.Repo(), "profiles");
        Assert.Equal(0, Cmd.Run("profiles", "import", Path.Combine(profiles, "usim-classic.der"), "--store", store).Code);
        Assert.Equal(0, Cmd.Run("profiles", "import", Path.Combine(profiles, "iot-minimal.der"), "--store", store).Code);
        Assert.Equal(0, Cmd.Run("demo", "download", "--store", store, "--iccid", "89000123456789012341").Code);
        Assert.Equal(0, Cmd.Run("demo", "download", "--store", store, "--iccid", "89000123456789012358").Code);
        Assert.False(File.Exists(Path.Combine(_dir, "card-log.db")), "a cleanly closed store has its log checkpointed");
        return store;
    }

    private static void AssertRefused((int Code, string Out, string Err) run, string store, string reason)
    {
        Assert.Equal(3, run.Code);
        var line = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + store + ": ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    private void AssertOnlyFiles(params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

    public static TheoryData<string, string> Damages => new()
    {
        { "cut in half", "truncated" },
        { "cut to one page", "truncated" },
        { "zero-filled", "damaged" },
        { "header signature flipped", "damaged" },
        { "first data page type flipped", "damaged" },
    };

    private static byte[] Damage(byte[] good, string how)
    {
        var bytes = (byte[])good.Clone();
        switch (how)
        {
            case "cut in half": return bytes[..(bytes.Length / 2)];
            case "cut to one page": return bytes[..8192];
            case "zero-filled": return new byte[bytes.Length];
            case "header signature flipped": bytes[40] ^= 0x04; return bytes; // inside "** This is a LiteDB file **"
            case "first data page type flipped": bytes[8192 + 4] ^= 0x01; return bytes;
            default: throw new ArgumentException(how, nameof(how));
        }
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Damaged_store_is_refused_with_one_line_and_left_as_it_was(string how, string reason)
    {
        var store = GoodStore();
        File.WriteAllBytes(store, Damage(File.ReadAllBytes(store), how));
        var before = Cmd.Sha256(store);
        // Read-only and state-changing verbs alike: none may repair, rewrite or replace the file.
        AssertRefused(Cmd.Run("profiles", "list", "--store", store), store, reason);
        AssertRefused(Cmd.Run("apdu", "--store", store, "00A4040C10A0000005591010FFFFFFFF8900000100"), store, reason);
        AssertRefused(Cmd.Run("serve", "--store", store, "--vpcd", "127.0.0.1:9"), store, reason);
        Assert.Equal(before, Cmd.Sha256(store));
        AssertOnlyFiles("card.db", "card.db.lock");
    }

    /// <summary>A store written by a newer build: refused like a damaged one, and store check names the version.</summary>
    [Fact]
    public void A_store_from_a_newer_schema_is_refused_the_same_way_and_store_check_fails()
    {
        var store = GoodStore();
        using (var db = new LiteDB.LiteDatabase($"Filename={store};Connection=direct"))
        {
            var meta = db.GetCollection("meta");
            var doc = meta.FindById("schema");
            doc["version"] = LiteDbCardStore.SchemaVersion + 1;
            meta.Update(doc);
        }
        var before = Cmd.Sha256(store);
        var reason = $"schema version {LiteDbCardStore.SchemaVersion + 1} is not supported";
        AssertRefused(Cmd.Run("profiles", "list", "--store", store), store, reason);
        AssertRefused(Cmd.Run("apdu", "--store", store, "00A4040C10A0000005591010FFFFFFFF8900000100"), store, reason);
        AssertRefused(Cmd.Run("serve", "--store", store, "--vpcd", "127.0.0.1:9"), store, reason);
        var check = Cmd.Run("store", "check", store);
        Assert.NotEqual(0, check.Code);
        Assert.Contains("schema version", check.Out + check.Err, StringComparison.Ordinal);
        Assert.Equal(before, Cmd.Sha256(store));
    }

    [Fact]
    public void Single_bit_flips_are_refused_or_read_never_thrown()
    {
        // LiteDB 5 pages carry no checksum, so a flip inside a value that still decodes is read as it is. A flip in
        // the file signature or version (header bytes 32..59) is always refused; no flip anywhere may escape as an
        // exception, and a refused file is left untouched.
        var store = GoodStore();
        var good = File.ReadAllBytes(store);
        var random = new Random(1234);
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])good.Clone();
            var inSignature = i < 10;
            var offset = inSignature ? random.Next(32, 60) : random.Next(0, bytes.Length);
            bytes[offset] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(store, bytes);
            var before = Cmd.Sha256(store);
            var run = Cmd.Run("profiles", "list", "--store", store);
            Assert.True(run.Code is 0 or 3, $"offset {offset}: exit {run.Code}: {run.Err}");
            if (inSignature) Assert.True(run.Code == 3, $"offset {offset}: a flip in the signature was read");
            if (run.Code == 3)
            {
                Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains(store, run.Err, StringComparison.Ordinal);
                Assert.Equal(before, Cmd.Sha256(store));
            }
        }
    }

    [Fact]
    public void Empty_file_is_refused_not_turned_into_a_new_card()
    {
        var store = Path.Combine(_dir, "card.db");
        File.WriteAllBytes(store, []);
        AssertRefused(Cmd.Run("profiles", "list", "--store", store), store, "empty file");
        AssertRefused(Cmd.Run("serve", "--store", store, "--vpcd", "127.0.0.1:9"), store, "empty file");
        Assert.Equal(0, new FileInfo(store).Length);
    }

    [Fact]
    public void A_directory_in_place_of_the_store_is_refused()
    {
        // Unreadable as a file whoever runs the test, root included.
        var store = Path.Combine(_dir, "card.db");
        Directory.CreateDirectory(store);
        AssertRefused(Cmd.Run("profiles", "list", "--store", store), store, "is a directory");
        AssertRefused(Cmd.Run("apdu", "--store", store, "00A4040C10A0000005591010FFFFFFFF8900000100"), store, "is a directory");
        Assert.Empty(Directory.GetFileSystemEntries(store));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_store_the_user_may_not_read_is_refused()
    {
        var store = GoodStore(); // 0600, owned by whoever runs the test
        var before = Cmd.Sha256(store);
        File.Delete(store + ".lock");
        (int Code, string Out, string Err) run;
        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(store, UnixFileMode.None);
            run = Cmd.Run("profiles", "list", "--store", store);
            File.SetUnixFileMode(store, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        else
        {
            // root reads every file: run the CLI as nobody instead (setpriv is in util-linux, always on Debian).
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_111_111);
            var start = Cmd.StartInfo("profiles", "list", "--store", store);
            start.ArgumentList.Insert(0, start.FileName);
            foreach (var (a, i) in new[] { "--reuid=65534", "--regid=65534", "--clear-groups" }.Select((a, i) => (a, i)))
                start.ArgumentList.Insert(i, a);
            start.FileName = "setpriv";
            start.Environment["HOME"] = _dir;
            using var process = System.Diagnostics.Process.Start(start)!;
            process.StandardInput.Close();
            var err = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            run = (process.ExitCode, output, await err);
        }
        AssertRefused(run, store, "no permission to read the store");
        Assert.Equal(before, Cmd.Sha256(store));
    }

    [Fact]
    public void Read_only_verb_on_a_missing_store_says_so_and_creates_nothing()
    {
        var store = Path.Combine(_dir, "no", "such", "dir", "x.db");
        AssertRefused(Cmd.Run("profiles", "list", "--store", store), store, "no such card store");
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")));
    }

    [Fact]
    public void Read_only_verb_on_a_store_without_a_card_says_so()
    {
        var store = Path.Combine(_dir, "card.db");
        using (Storage.LiteDb.LiteDbCardStore.Open(store)) { }
        var before = Cmd.Sha256(store);
        AssertRefused(Cmd.Run("profiles", "list", "--store", store), store, "holds no card");
        Assert.Equal(before, Cmd.Sha256(store));
    }

    [Fact]
    public void A_store_with_an_uncheckpointed_log_is_read_not_refused()
    {
        // The state a crash leaves: committed transactions in card-log.db, not yet in card.db.
        var store = GoodStore();
        var copy = Path.Combine(_dir, "copy.db");
        // No idle checkpoint, so the commit stays in the log while the files are copied.
        using (var lite = Storage.LiteDb.LiteDbCardStore.Open(store,
            new Storage.LiteDb.LiteDbStoreOptions { IdleCheckpoint = TimeSpan.Zero }))
        using (var euicc = new Card.VirtualEuicc(lite, lite.LoadIdentity()!))
        {
            euicc.Card.PowerOn();
            euicc.Card.Transmit(Convert.FromHexString("00A4040C10A0000005591010FFFFFFFF8900000100"));
            // SetNickname on the first downloaded profile: one commit, in the log only.
            var response = euicc.Card.Transmit(Convert.FromHexString("80E2910015BF29125A0A98001032547698103214" + "90046E69636B" + "00"));
            Assert.Equal("BF29038001009000", Convert.ToHexString(response));
            Assert.True(new FileInfo(Path.Combine(_dir, "card-log.db")).Length > 0);
            File.Copy(store, copy);
            File.Copy(Path.Combine(_dir, "card-log.db"), Path.Combine(_dir, "copy-log.db"));
        }
        var run = Cmd.Run("profiles", "list", "--store", copy);
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("(nick)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_cut_in_half_as_a_process_exits_3_with_one_line_and_no_stack_trace()
    {
        var store = GoodStore();
        var bytes = File.ReadAllBytes(store);
        File.WriteAllBytes(store, bytes[..(bytes.Length / 2)]);
        var before = Cmd.Sha256(store);
        var (code, output, err) = await Cmd.RunProcess("profiles", "list", "--store", store);
        Assert.Equal(3, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {store}: truncated", line, StringComparison.Ordinal);
        Assert.Equal(before, Cmd.Sha256(store));
    }
}
