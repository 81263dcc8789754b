namespace NewsBot.Display;

/// <summary>
/// Discord roles and users pinged when an article matches <see cref="Filter"/> (null: every article). Ids only: the
/// message's allowed_mentions lists exactly these, so nothing else in a post (@everyone in a headline) can ping.
/// </summary>
public sealed record MentionRule(IReadOnlyList<string> Roles, IReadOnlyList<string> Users, string? Filter);

/// <summary>Discord forum tags (ids) applied to a forum post when the article matches <see cref="Filter"/> (null: every article).</summary>
public sealed record TagRule(IReadOnlyList<string> Tags, IReadOnlyList<string> Names, string? Filter);
