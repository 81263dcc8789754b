using NewsBot.Storage;

namespace NewsBot.Web.Panel;

public static class ChannelName
{
    public static string Of(ChatChannel c) =>
        (c.Title is { Length: > 0 } t ? t + " · " : "") + $"{c.Platform}:{c.ExternalId}{(c.ThreadId.Length > 0 ? "/" + c.ThreadId : "")}";
}
