using NewsBot.Commands;
using NewsBot.Discord;
using NewsBot.Discord.Cdn;
using NewsBot.DiscordBot;

namespace NewsBot.Tests.DiscordBot;

/// <summary>Export file names from hostile channel names, and the name/type check done before any download.</summary>
public sealed class OpmlFileNamingTests
{
    [Theory]
    [InlineData("general", "newsbot-general.opml")]
    [InlineData("News & Politics", "newsbot-news-politics.opml")]
    [InlineData("新闻", "newsbot-channel.opml")]
    [InlineData("../../etc/passwd", "newsbot-etc-passwd.opml")]
    [InlineData("a\"b\r\nc", "newsbot-a-b-c.opml")]
    [InlineData("710000000000000001", "newsbot-710000000000000001.opml")]
    public void Export_files_are_named_after_the_channel_in_safe_ascii(string channel, string expected)
    {
        var reply = new CommandReply("1 subscriptions as OPML.", File: new ReplyFile("newsbot-subscriptions.opml", "text/x-opml", [1, 2, 3]), Private: true);

        var (file, problem) = DiscordReplies.File(reply, channel, "en");

        Assert.Null(problem);
        Assert.Equal(expected, file!.FileName);
        Assert.Equal([1, 2, 3], file.Content);
    }

    [Theory]
    [InlineData("subs.opml", "text/x-opml", true)]
    [InlineData("subs.OPML", null, true)]
    [InlineData("subs.xml", "application/xml; charset=utf-8", true)]
    [InlineData("feedly.opml", "application/octet-stream", true)]
    [InlineData("subs.txt", "text/plain", true)]
    [InlineData("cat.png", "image/png", false)]
    [InlineData("subs.opml", "image/png", false)]
    [InlineData("subs.opml.exe", "application/x-msdownload", false)]
    [InlineData("archive.zip", "application/zip", false)]
    [InlineData("noextension", "text/xml", false)]
    public async Task Only_files_named_and_typed_like_opml_are_downloaded(string name, string? type, bool accepted)
    {
        using var http = new HttpClient(new RefusingHandler());
        var files = new OpmlAttachment(new AttachmentDownloader(http, new DiscordOptions()), new DiscordBotOptions());
        var attachment = new DiscordAttachment { Id = 1, Filename = name, ContentType = type, Size = 10, Url = "https://cdn.discordapp.com/attachments/1/2/" + name };

        var (file, problem) = await files.FetchAsync(attachment, default);

        Assert.Null(file);
        // An accepted file reaches the download (refused here by the handler); a refused one never does.
        Assert.Equal(accepted, problem!.Contains("could not be downloaded", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', problem);
    }

    /// <summary>Tests never reach the internet: every request fails as an unreachable host would.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("no network in tests: " + request.RequestUri!.Host);
    }
}
