using NewsBot.Delivery;
using NewsBot.DiscordBot;
using NewsBot.Storage;
using NewsBot.Telegram;

namespace NewsBot.Cli;

/// <summary>What a person in the channel would read of a post, rendered by the channel's platform with its settings.</summary>
internal static class ChannelRendering
{
    public static string Visible(string platform, Post post, TimeZoneInfo zone)
    {
        if (platform == Platforms.Discord)
        {
            var message = DiscordSender.PostMessage(post, zone, null);
            var lines = new List<string>();
            if (message.Content is { } pings)
            {
                lines.Add(pings);
            }
            foreach (var embed in message.Embeds ?? [])
            {
                lines.AddRange(new[] { embed.Author?.Name, embed.Title, embed.Description, embed.Image?.Url is { } image ? "[image] " + image : null, embed.Footer?.Text }.OfType<string>());
            }
            return string.Join('\n', lines);
        }
        var text = TelegramRender.Post(post, zone, TelegramText.MaxText, TelegramRender.TemplateOf(post)).Plain;
        return post.ShownMedia.Count == 0 ? text : $"[{post.ShownMedia.Count} media: {post.ShownMedia[0].Url}]\n{text}";
    }
}
