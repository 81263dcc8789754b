using System.Globalization;

namespace NewsBot.Benchmarks.Load;

/// <summary>What one configuration achieved, as one table line.</summary>
internal sealed record LoadResult(LoadSettings Settings, TimeSpan Elapsed, long Checks, long NotModified, long Stored, long Posted, long Backlog, TimeSpan Cpu, long PeakBytes, int Overdue)
{
    public const string Header =
        "provider  inst  chans  feeds   interval  target/s  checks/s  304 %  articles/s  posts/s  outbox left  CPU % (of 1 core)  peak MB  feeds overdue  load avg (1/5/15 min)";

    /// <summary>The machine's load average when the run ended: on a shared machine the figures mean little without it.</summary>
    public static string LoadAverage =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public string Line
    {
        get
        {
            var seconds = Elapsed.TotalSeconds;
            var target = Settings.Feeds / Settings.Interval.TotalSeconds;
            return string.Create(CultureInfo.InvariantCulture,
                $"{Settings.Provider,-8}  {Settings.Instances,4}  {Settings.Channels,5}  {Settings.Feeds,6}  {Settings.Interval,8:c}  {target,8:F1}  {Checks / seconds,8:F1}  {100.0 * NotModified / Math.Max(1, Checks),5:F1}  {Stored / seconds,10:F2}  {Posted / seconds,7:F2}  {Backlog,11}  {100 * Cpu.TotalSeconds / seconds,17:F0}  {PeakBytes / (1024.0 * 1024),7:F0}  {Overdue,14}  {LoadAverage}");
        }
    }
}
