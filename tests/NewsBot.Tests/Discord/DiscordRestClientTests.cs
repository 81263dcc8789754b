using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NewsBot.Tests.Discord.Fakes;
using Xunit.Abstractions;

namespace NewsBot.Tests.Discord;

public sealed class DiscordRestClientTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private FakeDiscordServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private DiscordRestClient Client(Action<DiscordOptions>? configure = null)
    {
        var options = _server.CreateOptions();
        configure?.Invoke(options);
        return new DiscordRestClient(_http, options);
    }

    private static MessageRequest Article(string nonce) => new()
    {
        Embeds =
        [
            new Embed
            {
                Title = "Ölpreis steigt: \"OPEC\" <kürzt> & mehr",
                Description = "A short summary of the article.",
                Url = "https://example.org/news/1",
                Timestamp = new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero),
                Color = 0x2B6CB0,
                Footer = new EmbedFooter { Text = "Example News" },
                Image = new EmbedMedia { Url = "https://example.org/lead.jpg" },
                Author = new EmbedAuthor { Name = "Example News", Url = "https://example.org/" },
                Fields = [new EmbedField { Name = "Topic", Value = "Energy", Inline = true }],
            },
        ],
        Components = [MessageComponent.LinkRow("Read", "https://example.org/news/1")],
        AllowedMentions = AllowedMentions.None,
        Nonce = nonce,
        EnforceNonce = true,
    };

    [Fact]
    public async Task Create_message_sends_a_valid_embed_body_and_a_repeated_nonce_posts_once()
    {
        var client = Client();

        var first = await client.CreateMessageAsync(111, Article("c111-a42"));
        var again = await client.CreateMessageAsync(111, Article("c111-a42"));

        Assert.Empty(_server.Violations);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(111UL, first.ChannelId);
        Assert.Single(_server.MessagesIn(111));
        var sent = _server.RequestsTo("POST", "/channels/111/messages")[0];
        Assert.Equal("Bot " + FakeDiscordServer.BotToken, sent.Authorization);
        var body = sent.Body!.AsObject();
        Assert.Equal("Ölpreis steigt: \"OPEC\" <kürzt> & mehr", (string?)body["embeds"]![0]!["title"]);
        Assert.Equal("c111-a42", (string?)body["nonce"]);
        Assert.True((bool?)body["enforce_nonce"]);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.False(body.ContainsKey("content"), "null fields are left out, not sent as null");
        Assert.Equal(5, (int?)body["components"]![0]!["components"]![0]!["style"]);
    }

    public static TheoryData<string, string, bool> InvalidBodies => new()
    {
        { "content over 2000", $$"""{"content":"{{new string('x', 2001)}}"}""", false },
        { "embed text over 6000", $$"""{"embeds":[{"description":"{{new string('x', 4000)}}"},{"description":"{{new string('y', 2001)}}"}]}""", false },
        { "embed title over 256", $$"""{"embeds":[{"title":"{{new string('t', 257)}}"}]}""", true },
        { "eleven embeds", "{\"embeds\":[" + string.Join(",", Enumerable.Repeat("{\"title\":\"t\"}", 11)) + "]}", true },
        { "nonce over 25", """{"content":"hi","nonce":"12345678901234567890123456"}""", true },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task The_fake_refuses_bodies_Discord_would_refuse(string why, string json, bool needsSpec)
    {
        if (needsSpec && DiscordSpec.SkipReason is { } reason)
        {
            output.WriteLine(reason);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.ApiBaseUrl + "/channels/5/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bot " + FakeDiscordServer.BotToken);

        using var response = await _http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal(50035, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
        Assert.Empty(_server.MessagesIn(5));
    }

    [Fact]
    public async Task A_message_over_the_limits_is_refused_before_it_is_sent()
    {
        var client = Client();
        var tooLong = new MessageRequest { Content = new string('x', 2001) };
        var tooMuchEmbed = new MessageRequest { Embeds = [new Embed { Description = new string('x', 4096) }, new Embed { Description = new string('y', 2000) }] };

        var e1 = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateMessageAsync(7, tooLong));
        var e2 = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateMessageAsync(7, tooMuchEmbed));

        Assert.Contains("2000", e1.Message);
        Assert.Contains("6000", e2.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Bulk_overwrite_sends_all_commands_in_one_request_globally_and_per_guild()
    {
        var client = Client();
        ApplicationCommand[] commands =
        [
            new()
            {
                Name = "subscribe",
                Description = "Subscribe this channel to a feed",
                NameLocalizations = new() { ["de"] = "abonnieren" },
                DescriptionLocalizations = new() { ["de"] = "Diesen Kanal abonnieren" },
                DefaultMemberPermissions = DiscordPermissions.ManageGuild,
                Contexts = [0],
                Options =
                [
                    new CommandOption { Type = CommandOptionType.String, Name = "feed", Description = "Feed URL or name", Required = true, Autocomplete = true },
                    new CommandOption { Type = CommandOptionType.Channel, Name = "channel", Description = "Where to post", ChannelTypes = [0, 5, 11] },
                    new CommandOption
                    {
                        Type = CommandOptionType.String, Name = "mode", Description = "Immediate or digest",
                        Choices = [new CommandChoice { Name = "Immediate", Value = "immediate" }, new CommandChoice { Name = "Digest", Value = "digest" }],
                    },
                ],
            },
            new()
            {
                Name = "feeds",
                Description = "Manage feeds",
                Options =
                [
                    new CommandOption { Type = CommandOptionType.SubCommand, Name = "list", Description = "List subscriptions" },
                    new CommandOption
                    {
                        Type = CommandOptionType.SubCommand, Name = "remove", Description = "Remove a subscription",
                        Options = [new CommandOption { Type = CommandOptionType.Integer, Name = "id", Description = "Subscription id", Required = true, MinValue = 1 }],
                    },
                ],
            },
        ];

        var global = await client.BulkOverwriteGlobalCommandsAsync(commands);
        var guild = await client.BulkOverwriteGuildCommandsAsync(222, commands[..1]);

        Assert.Empty(_server.Violations);
        Assert.Equal(["subscribe", "feeds"], global.Select(c => c.Name));
        Assert.All(global, c => Assert.NotNull(c.Id));
        Assert.Equal(DiscordPermissions.ManageGuild, global[0].DefaultMemberPermissions);
        Assert.Single(guild);
        Assert.Single(_server.RequestsTo("PUT", $"/applications/{FakeDiscordServer.ApplicationId}/commands"));
        var sent = _server.RequestsTo("PUT", $"/applications/{FakeDiscordServer.ApplicationId}/guilds/222/commands").Single().Body!;
        Assert.Equal(32, (long?)sent[0]!["default_member_permissions"]);
        Assert.Equal("abonnieren", (string?)sent[0]!["name_localizations"]!["de"]);
        Assert.Equal(2, _server.CommandsOf(null)!.Count);
        Assert.Equal("subscribe", (string?)_server.CommandsOf(222)![0]!["name"]);
    }

    [Fact]
    public async Task Interaction_is_deferred_then_edited_then_followed_up_and_autocomplete_answers_choices()
    {
        var client = Client();
        _server.RegisterInteraction(301, "tok-301");
        _server.RegisterInteraction(302, "tok-302");

        await client.CreateInteractionResponseAsync(301, "tok-301", InteractionResponse.Deferred(ephemeral: true));
        var edited = await client.EditOriginalResponseAsync("tok-301", new MessageRequest { Content = "Subscribed to **Example News**.", AllowedMentions = AllowedMentions.None });
        var followup = await client.CreateFollowupMessageAsync("tok-301", new MessageRequest { Content = "First post arrives soon.", Flags = InteractionResponse.Ephemeral });
        await client.CreateInteractionResponseAsync(302, "tok-302",
            InteractionResponse.Autocomplete(Enumerable.Range(1, 40).Select(i => new CommandChoice { Name = $"Feed {i}", Value = $"feed-{i}" })));
        var twice = await Assert.ThrowsAsync<DiscordApiException>(() =>
            client.CreateInteractionResponseAsync(301, "tok-301", InteractionResponse.Message("again")));
        var unknown = await Assert.ThrowsAsync<DiscordApiException>(() =>
            client.CreateInteractionResponseAsync(999, "nope", InteractionResponse.Message("late")));

        Assert.Empty(_server.Violations);
        Assert.Equal("Subscribed to **Example News**.", edited.Content);
        Assert.Equal("First post arrives soon.", followup.Content);
        var deferred = _server.RequestsTo("POST", "/interactions/301/tok-301/callback")[0].Body!;
        Assert.Equal(5, (int?)deferred["type"]);
        Assert.Equal(64, (int?)deferred["data"]!["flags"]);
        var choices = _server.RequestsTo("POST", "/interactions/302/tok-302/callback")[0].Body!;
        Assert.Equal(8, (int?)choices["type"]);
        Assert.Equal(25, choices["data"]!["choices"]!.AsArray().Count);
        Assert.Null(_server.RequestsTo("POST", "/interactions/301/tok-301/callback")[0].Authorization);
        Assert.Equal(DiscordApiException.InteractionAlreadyAcknowledged, twice.Code);
        Assert.Equal(DiscordApiException.UnknownInteraction, unknown.Code);
        Assert.DoesNotContain("nope", unknown.Message);
    }

    [Fact]
    public async Task Get_channel_tells_guild_and_thread()
    {
        _server.AddChannel(444, guildId: 222, type: 11, parentId: 443);

        var channel = await Client().GetChannelAsync(444);

        Assert.Equal(222UL, channel.GuildId);
        Assert.Equal(443UL, channel.ParentId);
        Assert.True(channel.IsThread);
    }

    [Theory]
    [InlineData(403, DiscordApiException.MissingAccess)]
    [InlineData(403, DiscordApiException.MissingPermissions)]
    [InlineData(404, DiscordApiException.UnknownChannel)]
    public async Task A_channel_that_refuses_is_not_sent_to_again_until_resumed(int status, int code)
    {
        var client = Client();
        _server.DenyChannel(555, status, code);

        var first = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(555, Article("n1")));
        var second = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(555, Article("n2")));
        await client.CreateMessageAsync(556, Article("n3"));

        Assert.Equal((HttpStatusCode)status, first.HttpStatus);
        Assert.Equal(code, first.Code);
        Assert.True(first.IsChannelUnusable);
        Assert.False(first.FromEarlierFailure);
        Assert.True(second.FromEarlierFailure);
        Assert.Equal(code, second.Code);
        Assert.True(client.IsChannelStopped(555));
        Assert.Single(_server.RequestsTo("POST", "/channels/555/messages"));
        Assert.Single(_server.MessagesIn(556));

        client.ResumeChannel(555);
        await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(555, Article("n4")));
        Assert.Equal(2, _server.RequestsTo("POST", "/channels/555/messages").Count);
    }

    [Fact]
    public async Task A_wrong_token_fails_once_and_then_stops_all_bot_requests()
    {
        var client = Client(o => o.BotToken = "wrong");

        var first = await Assert.ThrowsAsync<DiscordApiException>(() => client.GetGatewayBotAsync());
        var second = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(1, Article("x")));

        Assert.Equal(HttpStatusCode.Unauthorized, first.HttpStatus);
        Assert.True(second.FromEarlierFailure);
        Assert.Single(_server.Requests);
    }
}
