using System.Text;

namespace NewsBot.Benchmarks.Load;

/// <summary>Stands in for standard output: counts the console channel's posts and keeps nothing.</summary>
internal sealed class PostCounter : TextWriter
{
    // ConsoleSender writes each post as one block that starts with this marker.
    private const string Marker = "━━━ ";

    private long _posts;

    public long Posts => Interlocked.Read(ref _posts);

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }
        var count = 0;
        for (var at = value.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = value.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal))
        {
            count++;
        }
        if (count > 0)
        {
            Interlocked.Add(ref _posts, count);
        }
    }

    public override void WriteLine(string? value) => Write(value);
}
