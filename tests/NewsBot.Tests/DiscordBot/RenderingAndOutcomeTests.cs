using System.Net;
using NewsBot.Delivery;
using NewsBot.Discord;
using NewsBot.DiscordBot;

namespace NewsBot.Tests.DiscordBot;

/// <summary>What each Discord refusal means for the outbox, and embeds that stay within Discord's limits whatever the feed sends.</summary>
public sealed class RenderingAndOutcomeTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, 10003, SendStatus.ChannelGone)]
    [InlineData(HttpStatusCode.Forbidden, 50001, SendStatus.ChannelGone)]
    [InlineData(HttpStatusCode.Forbidden, 50013, SendStatus.ChannelGone)]
    [InlineData(HttpStatusCode.TooManyRequests, 0, SendStatus.Retry)]
    [InlineData(HttpStatusCode.BadGateway, 0, SendStatus.Retry)]
    [InlineData(HttpStatusCode.Unauthorized, 0, SendStatus.Retry)]
    [InlineData(HttpStatusCode.BadRequest, 50035, SendStatus.Rejected)]
    public void Refusals_map_to_outcomes(HttpStatusCode status, int code, SendStatus expected) =>
        Assert.Equal(expected, DiscordSender.Outcome(new DiscordApiException(status, code, "m", "POST /channels/{channel_id}/messages")).Status);

    [Fact]
    public void A_huge_post_is_cut_to_fit_one_embed_and_bad_links_are_left_out()
    {
        var post = new Post(new string('T', 1000), "javascript:alert(1)", new string('S', 9000), new string('A', 500), "ftp://x", DateTime.UtcNow, "https://example.org/i.jpg", "en", [new string('F', 3000)]);
        var embed = PostEmbeds.ForPost(post)[0];
        Assert.Null(DiscordLimits.Check(null, [embed]));
        Assert.Null(embed.Url);
        Assert.Null(embed.Author!.Url);
        Assert.Equal(DiscordLimits.EmbedTitle, embed.Title!.Length);
        Assert.Equal(DiscordLimits.EmbedDescription, embed.Description!.Length);
        Assert.InRange(DiscordLimits.EmbedLength(embed), 1, DiscordLimits.EmbedTotal);
    }

    [Fact]
    public void Digest_pages_fit_or_say_they_do_not()
    {
        Post Story(int i) => new($"Story {i}", $"https://example.org/{i}", new string('s', 500), "Feed", null, DateTime.UtcNow, null, "en", []);
        var small = new DigestPage("Daily", [new DigestGroup("World", [.. Enumerable.Range(0, 5).Select(Story)])]);
        var tooMany = new DigestPage("Daily", [new DigestGroup("World", [.. Enumerable.Range(0, 26).Select(Story)])]);
        var tooLong = new DigestPage("Daily", [.. Enumerable.Range(0, 4).Select(g => new DigestGroup($"G{g}", [.. Enumerable.Range(0, 6).Select(Story)]))]);
        Assert.Null(DiscordLimits.Check(null, PostEmbeds.ForDigest(small)));
        Assert.NotNull(PostEmbeds.ForDigest(small));
        Assert.Null(PostEmbeds.ForDigest(tooMany));
        Assert.Null(PostEmbeds.ForDigest(tooLong));
    }
}
