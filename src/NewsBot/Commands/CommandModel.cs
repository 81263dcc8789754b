namespace NewsBot.Commands;

/// <summary>Who asked, where, and with which rights; filled in by the platform that received the command.</summary>
/// <param name="IsAdmin">True in private chats, and for chat administrators (Telegram) or MANAGE_GUILD members (Discord).</param>
/// <param name="Language">"zh" or "en", from the user's client language.</param>
/// <param name="Attachment">A file sent with the command (the OPML of `/opml import`), already downloaded by the platform.</param>
public sealed record CommandContext(ChannelRef Channel, string UserId, bool IsAdmin, string Language, string? ChatTitle = null, string? GuildId = null, ReplyFile? Attachment = null);

/// <summary>A platform-neutral answer: plain text (renderers escape it), optional articles and choices.</summary>
/// <param name="Choices">Buttons or autocomplete entries; each carries the full command to run when picked.</param>
/// <param name="Private">Only the caller needs it (Discord: ephemeral).</param>
/// <param name="File">A file to attach (OPML export).</param>
public sealed record CommandReply(string Text, IReadOnlyList<ReplyChoice>? Choices = null, IReadOnlyList<ReplyArticle>? Articles = null, bool Private = false, ReplyFile? File = null)
{
    public IReadOnlyList<ReplyChoice> ChoiceList => Choices ?? [];
    public IReadOnlyList<ReplyArticle> ArticleList => Articles ?? [];

    /// <summary>Posts to show exactly as this chat would receive them (its display settings applied), each as its platform renders a post.</summary>
    public IReadOnlyList<NewsBot.Delivery.Post> PostList { get; init; } = [];

    /// <summary>The chat's time zone, for rendering <see cref="PostList"/>.</summary>
    public string PostZone { get; init; } = "UTC";
}

public sealed record ReplyChoice(string Label, string Command);

public sealed record ReplyArticle(string Title, string? Url, string Summary, string Source, DateTime PublishedAt);

public sealed record ReplyFile(string Name, string ContentType, byte[] Content);
