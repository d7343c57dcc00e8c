using System.Globalization;
using System.Text;
using System.Xml;

namespace EuiccEmulator.Conformance;

/// <summary>The readable table, the summary line and JUnit XML.</summary>
public static class Report
{
    public static string Row(CaseResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var outcome = r.Outcome switch { CaseOutcome.Passed => "pass", CaseOutcome.Failed => "FAIL", _ => "skip" };
        return string.Create(CultureInfo.InvariantCulture, $"{r.Id,-66} {outcome,-4} {r.Elapsed.TotalMilliseconds,8:F1} ms  {r.Reason}")
            .TrimEnd();
    }

    public static string Header => string.Create(CultureInfo.InvariantCulture, $"{"id",-66} {"result",-4} {"time",11}  reason");

    public static string Summary(IReadOnlyCollection<CaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return string.Create(CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Outcome == CaseOutcome.Passed)} passed, {results.Count(
                r => r.Outcome == CaseOutcome.Failed)} failed, {results.Count(r => r.Outcome == CaseOutcome.Skipped)} skipped");
    }

    public static void WriteJUnit(IReadOnlyCollection<CaseResult> results, string targetName, Stream output)
    {
        ArgumentNullException.ThrowIfNull(results);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var w = XmlWriter.Create(output, settings);
        string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", "euicc-emu conformance");
        w.WriteAttributeString("hostname", targetName);
        w.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", results.Count(r => r.Outcome == CaseOutcome.Failed).ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", "0");
        w.WriteAttributeString("skipped", results.Count(r => r.Outcome == CaseOutcome.Skipped).ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("time", Seconds(results.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed)));
        foreach (var r in results)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("classname", r.Area);
            w.WriteAttributeString("name", r.Id);
            w.WriteAttributeString("time", Seconds(r.Elapsed));
            if (r.Outcome == CaseOutcome.Failed)
            {
                w.WriteStartElement("failure");
                w.WriteAttributeString("message", r.Reason ?? "failed");
                w.WriteString($"{r.Case.Title} ({r.Case.Section})");
                w.WriteEndElement();
            }
            else if (r.Outcome == CaseOutcome.Skipped)
            {
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", r.Reason ?? "skipped");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }
}
