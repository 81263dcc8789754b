using System.Diagnostics;
using System.Text;

namespace NewsBot.Tests.Scale;

/// <summary>
/// The real NewsBot binary as a child process, configured through environment variables, its standard output (the
/// console channel's posts) collected line by line. <see cref="KillAsync"/> is SIGKILL: nothing in the bot runs afterwards,
/// so claims stay where the dead instance left them.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 40;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stdout = new();
    private readonly Queue<string> _stderr = new();
    private readonly string _folder;

    private BotProcess(string name, Process process, string folder)
    {
        Name = name;
        _process = process;
        _folder = folder;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts `dotnet NewsBot.dll` from the test's output folder (the host project's build lands there).</summary>
    public static BotProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        // Its own working folder: relative paths in the shipped appsettings.json (data/, config/catalog.opml) point nowhere.
        var folder = Path.Combine(Path.GetTempPath(), "newsbot-tests", "proc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "NewsBot.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = folder,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var bot = new BotProcess(name, process, folder);
        process.OutputDataReceived += (_, e) => bot.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => bot.OnStderr(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Everything the process printed on standard output so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>The last lines of its log (standard error), for failure messages.</summary>
    public string StderrTail
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    public string Describe() => $"{Name}: {(HasExited ? $"exited with {_process.ExitCode}" : "running")}; log tail:\n{StderrTail}";

    /// <summary>SIGKILL, then waits until the process is gone and its output is read to the end.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _stdout.Append(line).Append('\n');
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > StderrLinesKept)
            {
                _stderr.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or never started: nothing left to stop.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
