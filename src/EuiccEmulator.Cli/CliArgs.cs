namespace EuiccEmulator.Cli;

/// <summary>A command line error: one line naming the option or file, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Minimal GNU-style option parsing: --name value, --flag, and positional words.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> valued)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg == "--")
            {
                while (e.MoveNext()) Positional.Add(e.Current);
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0) (name, inline) = (name[..eq], name[(eq + 1)..]);
            if (flags.Contains(name) && inline is null)
            {
                _flags.Add(name);
            }
            else if (valued.Contains(name))
            {
                var value = inline ?? (e.MoveNext() ? e.Current : throw new CliException($"--{name}: needs a value"));
                if (!_options.TryGetValue(name, out var list)) _options[name] = list = [];
                list.Add(value);
            }
            else
            {
                throw new CliException($"--{name}: unknown option");
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name)
    {
        if (!_options.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw new CliException($"--{name}: given more than once");
        return values[0];
    }

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public int? Int(string name, int min, int max)
    {
        var text = Value(name);
        if (text is null) return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || n < min || n > max)
        {
            throw new CliException($"--{name}: expected a whole number from {min} to {max}");
        }

        return n;
    }
}
