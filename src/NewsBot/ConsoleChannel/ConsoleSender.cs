using System.Globalization;
using System.Text;
using NewsBot.Delivery;
using NewsBot.Storage;

namespace NewsBot.ConsoleChannel;

/// <summary>Where console posts go; standard output unless a test or the CLI swaps it.</summary>
public sealed class ConsoleOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}

/// <summary>The console channel: each post as a readable block on standard output.</summary>
public sealed class ConsoleSender(ConsoleOutput output) : IChannelSender
{
    private readonly Lock _gate = new();

    public string Platform => Platforms.Console;

    public Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct)
    {
        var block = Render(channel, post);
        lock (_gate)
        {
            output.Writer.Write(block);
            output.Writer.Flush();
        }
        return Task.FromResult(SendOutcome.Ok(nonce));
    }

    public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"═══ {page.Heading} · console:{channel.ExternalId}");
        foreach (var group in page.Groups)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"── {group.Title}");
            foreach (var post in group.Entries)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"• {post.Title} ({Sources(post)})");
                if (post.Summary.Length > 0)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {post.Summary}");
                }
                if (post.Url is not null)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  🔗 {post.Url}");
                }
            }
        }
        sb.AppendLine();
        lock (_gate)
        {
            output.Writer.Write(sb.ToString());
            output.Writer.Flush();
        }
        return Task.FromResult(SendOutcome.Ok(nonce));
    }

    /// <summary>Standard output cannot be rewritten: the update is a line of its own naming the post and its sources now.</summary>
    public Task<SendOutcome> EditAsync(ChatChannel channel, string messageId, Post post, CancellationToken ct)
    {
        lock (_gate)
        {
            output.Writer.WriteLine($"[newsbot → console:{channel.ExternalId}] updated \"{post.Title}\": {Sources(post)}");
            output.Writer.Flush();
        }
        return Task.FromResult(SendOutcome.Ok(messageId));
    }

    /// <summary>The console has no message limit.</summary>
    public bool FitsOneMessage(DigestPage page) => true;

    public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct)
    {
        lock (_gate)
        {
            output.Writer.WriteLine($"[newsbot → console:{channel.ExternalId}] {text}");
            output.Writer.Flush();
        }
        return Task.FromResult(SendOutcome.Ok(null));
    }

    public static string Render(ChatChannel channel, Post post)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"━━━ {post.Title}");
        if (post.Summary.Length > 0)
        {
            sb.AppendLine(post.Summary);
        }
        if (post.Url is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"🔗 {post.Url}");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"📰 {Sources(post)} · {post.PublishedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · console:{channel.ExternalId}");
        sb.AppendLine();
        return sb.ToString();
    }

    private static string Sources(Post post) =>
        post.AlsoIn.Count == 0 ? post.Source : $"{post.Source}; also in {string.Join(", ", post.AlsoIn)}";
}
