using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsBot.Tests.Support;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Panel;

/// <summary>Two instances of one deployment share the panel's key ring through the database.</summary>
public sealed partial class PanelKeyRingTests
{
    private const long Ann = 521;

    [Fact]
    public async Task A_session_and_a_form_token_made_by_one_instance_are_accepted_by_another_and_after_a_restart()
    {
        await using var h = await TelegramHarness.StartAsync();
        var first = h.PanelUrl;
        var (_, channelId) = await h.AdminChannelAsync(-100411, Ann);

        using var client = await TelegramLoginLink.SignedInAsync(first, Ann);
        var page = await client.GetStringAsync($"{first}/channels/{channelId}");
        var token = PanelForms.Token(page);
        Assert.NotEmpty(token);

        // A second instance on the same database (another port, another scheduler: another process as far as it knows).
        var second = TestHost.Build(new Dictionary<string, string?>(h.Settings) { ["Worker:InstanceId"] = "telegram-tests-2" }, new SyncStringWriter());
        await second.StartAsync();
        try
        {
            var other = second.Urls.First().TrimEnd('/');
            // Cookies are not told apart by port: the browser's session cookie goes to the second instance as is.
            var there = await client.GetAsync($"{other}/channels/{channelId}");
            Assert.Equal(HttpStatusCode.OK, there.StatusCode);
            var paused = await client.PostAsync($"{other}/channels/{channelId}?handler=Pause",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }

        await using (var db = h.Dbs.Create())
        {
            Assert.NotNull((await db.Channels.SingleAsync(c => c.Id == channelId)).PausedAt);
            Assert.Single(await db.SigningKeys.ToListAsync());
        }

        // The first instance restarted: the same session still opens the page.
        await h.StopHostAsync();
        await h.StartHostAsync();
        var again = await client.GetAsync($"{h.PanelUrl}/channels/{channelId}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
