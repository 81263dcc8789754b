namespace NewsBot.Feeds;

public static class DedupeKey
{
    public static string For(FeedItem item) => throw new NotImplementedException($"contract placeholder: parser helper implements ({item})");
}
