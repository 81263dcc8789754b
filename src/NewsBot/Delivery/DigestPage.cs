namespace NewsBot.Delivery;

/// <summary>One message of a digest: groups (by topic or feed), most important first, each entry one story.</summary>
public sealed record DigestPage(string Heading, IReadOnlyList<DigestGroup> Groups);

public sealed record DigestGroup(string Title, IReadOnlyList<Post> Entries);
