using NewsBot.Display;

namespace NewsBot.Web.Pages;

/// <summary>What the display settings form shows: one feed subscription's choices (Subscription set) or the channel's defaults.</summary>
public sealed record DisplayForm(long ChannelId, long? Subscription, DisplaySettings Settings)
{
    public string FormId => Subscription is { } sid ? $"display-{sid}" : "display-defaults";

    public static string Switch(bool? value) => value switch
    {
        true => "on",
        false => "off",
        null => "",
    };
}
