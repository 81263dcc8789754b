using NewsBot.Commands;
using NewsBot.DiscordBot;

namespace NewsBot.Tests.Commands;

public sealed class HelpTextTests
{
    /// <summary>/help is the only place a Telegram user learns the commands; every slash command Discord registers must appear in it, in both languages.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Help_names_every_registered_command(string language)
    {
        var help = Texts.Help(language);
        var missing = SlashCommands.All()
            .Select(c => c.Name)
            .Where(name => name != "help")
            .Where(name => !help.Contains('/' + name + ' ', StringComparison.Ordinal))
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Help_names_every_digest_schedule(string language)
    {
        var help = Texts.Help(language);

        Assert.Contains("daily HH:MM", help, StringComparison.Ordinal);
        Assert.Contains("weekdays HH:MM", help, StringComparison.Ordinal);
        Assert.Contains("weekly", help, StringComparison.Ordinal);
    }
}
