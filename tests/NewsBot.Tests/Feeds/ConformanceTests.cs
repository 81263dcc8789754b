using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsBot.Cli;
using Xunit.Abstractions;

namespace NewsBot.Tests.Feeds;

/// <summary>
/// The public conformance corpus (../shared/conformance), run through the same `preview --json` code path that
/// run.py drives, and scored by the corpus's own check.py.
/// </summary>
public sealed partial class ConformanceTests(ITestOutputHelper output)
{
    private const int Required = 215;

    [GeneratedRegex(@"conformance: (\d+)/(\d+) cases")]
    private static partial Regex ScoreLine();

    [SkippableFact]
    public async Task Public_corpus_scores_at_least_215()
    {
        string? shared = SharedFolder.Find();
        Skip.If(shared is null, "../shared is absent next to the repository, so the conformance corpus cannot be run here (CI always has it).");
        string conformance = Path.Combine(shared, "conformance");
        string cases = Path.Combine(conformance, "cases");
        string? python = FindPython();
        Skip.If(python is null, "python3 is not installed, and check.py is the scorer of record.");

        string actualDir = Directory.CreateTempSubdirectory("conformance-").FullName;
        try
        {
            var groups = new Dictionary<string, List<(string Source, string Name, string Input)>>();
            foreach (var sourceDir in Directory.GetDirectories(cases).Order(StringComparer.Ordinal))
            {
                foreach (var expected in Directory.GetFiles(sourceDir, "*.expected.json").Order(StringComparer.Ordinal))
                {
                    string name = Path.GetFileName(expected)[..^".expected.json".Length];
                    var meta = JsonNode.Parse(await File.ReadAllTextAsync(expected))?["_meta"];
                    string input = Path.Combine(sourceDir, meta?["input"]?.GetValue<string>() ?? name + ".xml");
                    string baseUrl = meta?["baseUrl"]?.GetValue<string>() ?? "";
                    if (!groups.TryGetValue(baseUrl, out var list))
                        groups[baseUrl] = list = [];
                    list.Add((Path.GetFileName(sourceDir), name, Path.GetFullPath(input)));
                }
            }

            using var services = PreviewTestServices.Build();
            foreach (var (baseUrl, group) in groups)
            {
                var args = new List<string> { "--json" };
                if (baseUrl.Length > 0)
                    args.AddRange(["--base-url", baseUrl]);
                args.AddRange(group.Select(g => g.Input));
                using var stdout = new StringWriter();
                await PreviewCommand.RunAsync(args, services, stdout, CancellationToken.None);
                var docs = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonNode.Parse(l)!.AsObject())
                    .ToDictionary(d => Path.GetFullPath(d["source"]!.GetValue<string>()));
                foreach (var (source, name, input) in group)
                {
                    if (!docs.TryGetValue(input, out var doc))
                        continue;
                    Directory.CreateDirectory(Path.Combine(actualDir, source));
                    await File.WriteAllTextAsync(Path.Combine(actualDir, source, name + ".actual.json"), ToActual(doc).ToJsonString());
                }
            }

            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.Combine(conformance, "check.py"), actualDir, "--cases", cases, "-v" })
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            string report = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            output.WriteLine(report);
            var m = ScoreLine().Match(report);
            Assert.True(m.Success, "check.py printed no score line: " + await process.StandardError.ReadToEndAsync());
            int passed = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(passed >= Required, $"conformance {passed}/{m.Groups[2].Value} is below {Required}; see the FAIL lines in the output");
        }
        finally
        {
            Directory.Delete(actualDir, recursive: true);
        }
    }

    /// <summary>The same mapping run.py's to_actual applies to a preview line.</summary>
    private static JsonObject ToActual(JsonObject doc)
    {
        if (doc["ok"]?.GetValue<bool>() != true)
            return new JsonObject { ["parseOk"] = false, ["error"] = doc["error"]?.DeepClone() ?? "no error given" };
        var a = new JsonObject { ["parseOk"] = true };
        void Copy(JsonObject into, string to, JsonNode? value)
        {
            if (value is not null)
                into[to] = value.DeepClone();
        }
        Copy(a, "feedTitle", doc["title"]);
        Copy(a, "feedLink", doc["link"]);
        Copy(a, "feedDescriptionText", doc["description"]);
        Copy(a, "feedImage", doc["image"]);
        Copy(a, "feedAuthor", doc["author"]);
        a["feedCategories"] = doc["categories"]?.DeepClone() ?? new JsonArray();
        Copy(a, "feedPublished", doc["published"]);
        Copy(a, "feedUpdated", doc["updated"]);
        var items = new JsonArray();
        foreach (var it in doc["items"]?.AsArray() ?? [])
        {
            var o = new JsonObject();
            foreach (var key in new[] { "title", "link", "id", "published", "updated", "summaryHtml", "contentHtml", "author", "image" })
                o[key] = it?[key]?.DeepClone();
            o["categories"] = it?["categories"]?.DeepClone() ?? new JsonArray();
            o["enclosures"] = it?["enclosures"]?.DeepClone() ?? new JsonArray();
            items.Add(o);
        }
        a["itemCount"] = items.Count;
        a["items"] = items;
        return a;
    }

    private static string? FindPython()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "python3", "python3.exe", "python.exe" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
