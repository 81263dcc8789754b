namespace NewsBot.Cli;

/// <summary>`preview [--json] [--base-url URL] &lt;file-or-url&gt;...`: fetch or read, parse, summarize, print. Never writes to the database.</summary>
public static class PreviewCommand
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter stdout, CancellationToken ct)
        => throw new NotImplementedException($"contract placeholder: issue 3 parser helper implements ({args.Count}, {services}, {stdout}, {ct})");
}
