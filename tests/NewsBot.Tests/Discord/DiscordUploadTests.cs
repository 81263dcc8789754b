using System.Text;
using System.Text.Json.Nodes;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NewsBot.Tests.Discord.Fakes;

namespace NewsBot.Tests.Discord;

/// <summary>Multipart uploads through the real client against the fake, which checks them the way Discord does.</summary>
public sealed class DiscordUploadTests : IAsyncLifetime, IDisposable
{
    private FakeDiscordServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private DiscordRestClient Client() => new(_http, _server.CreateOptions());

    private static DiscordFile Opml(string name = "newsbot-general.opml") =>
        new(name, Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline xmlUrl=\"https://example.org/feed\"/></body></opml>"), "text/x-opml");

    [Fact]
    public async Task Create_message_uploads_files_as_payload_json_plus_files_n_named_in_attachments()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 255 };
        var message = await Client().CreateMessageAsync(222,
            new MessageRequest { Content = "Two files", AllowedMentions = AllowedMentions.None, Nonce = "c222-f1", EnforceNonce = true },
            [Opml(), new DiscordFile("lead.png", png, "image/png")]);

        Assert.Empty(_server.Violations);
        var sent = Assert.Single(_server.RequestsTo("POST", "/channels/222/messages"));
        Assert.Equal(200, sent.Status);
        Assert.Equal("Two files", (string?)sent.Body!["content"]);
        Assert.Equal(["0", "1"], sent.Body["attachments"]!.AsArray().Select(a => (string)a!["id"]!));
        var files = sent.Files!;
        Assert.Equal(["files[0]", "files[1]"], files.Select(f => f.Field));
        Assert.Equal("newsbot-general.opml", files[0].FileName);
        Assert.Equal(Opml().Content, files[0].Content);
        Assert.Equal(png, files[1].Content);
        Assert.Equal("image/png", files[1].ContentType);
        Assert.Equal(["newsbot-general.opml", "lead.png"], message.Attachments!.Select(a => a.Filename));
        Assert.Equal(png, _server.CdnFile(message.Attachments![1].Url!));
    }

    [Fact]
    public async Task A_type_4_answer_and_a_follow_up_carry_their_files_and_other_answer_types_refuse_files()
    {
        _server.RegisterInteraction(401, "tok-401");
        var client = Client();

        await client.CreateInteractionResponseAsync(401, "tok-401", InteractionResponse.Message("Your export", ephemeral: true), [Opml()]);
        await client.CreateFollowupMessageAsync("tok-401", new MessageRequest { Flags = InteractionResponse.Ephemeral }, [Opml("again.opml")]);
        var deferred = InteractionResponse.Deferred(ephemeral: true);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateInteractionResponseAsync(401, "tok-401", deferred, [Opml()]));

        Assert.Empty(_server.Violations);
        var callback = Assert.Single(_server.RequestsTo("POST", "/interactions/401/tok-401/callback"));
        Assert.Equal(204, callback.Status);
        Assert.Equal("0", (string?)callback.Body!["data"]!["attachments"]![0]!["id"]);
        Assert.Equal(64, (int?)callback.Body["data"]!["flags"]);
        var replies = _server.RepliesTo("tok-401");
        Assert.Equal(2, replies.Count);
        Assert.Equal("newsbot-general.opml", (string?)replies[0]["attachments"]![0]!["filename"]);
        Assert.Equal("again.opml", (string?)replies[1]["attachments"]![0]!["filename"]);
    }

    [Fact]
    public async Task A_429_on_an_upload_is_waited_out_and_the_file_is_posted_once()
    {
        _server.RateLimitNext("POST", "/channels/223/messages", 1, retryAfter: 0.3);

        var message = await Client().CreateMessageAsync(223, new MessageRequest { Content = "file", Nonce = "c223-f", EnforceNonce = true }, [Opml()]);

        Assert.Empty(_server.Violations);
        var attempts = _server.RequestsTo("POST", "/channels/223/messages");
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Equal(Opml().Content, Assert.Single(a.Files!).Content));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(280), "the retry waited for retry_after");
        var posted = Assert.Single(_server.MessagesIn(223));
        Assert.Equal(message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)posted["id"]);
        Assert.Single(posted["attachments"]!.AsArray());
    }

    public static TheoryData<string, int, int> OverLimits => new()
    {
        { "eleven files", 11, 10 },
        { "over 10 MiB together", 2, (int)(DiscordLimits.UploadBytes / 2) + 1 },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task Uploads_over_Discords_limits_are_refused_before_anything_is_sent(string why, int count, int bytes)
    {
        var files = Enumerable.Range(0, count).Select(i => new DiscordFile($"f{i}.bin", new byte[bytes])).ToList();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateMessageAsync(224, new MessageRequest { Content = why }, files));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc/passwd")]
    [InlineData("a\\b.opml")]
    [InlineData("quote\".opml")]
    [InlineData("line\nbreak.opml")]
    public void File_names_that_are_paths_or_break_headers_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new DiscordFile(name, [1]));

    [Fact]
    public async Task The_fake_refuses_an_upload_whose_parts_and_attachments_entries_disagree()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("""{"content":"x","attachments":[{"id":"1","filename":"a.opml"}]}""", Encoding.UTF8, "application/json"), "payload_json");
        form.Add(new ByteArrayContent([1, 2, 3]), "files[0]", "a.opml");
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.ApiBaseUrl + "/channels/225/messages") { Content = form };
        request.Headers.TryAddWithoutValidation("Authorization", "Bot " + FakeDiscordServer.BotToken);

        using var response = await _http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(_server.Violations, v => v.Contains("files[0] has no attachments entry with id 0", StringComparison.Ordinal));
        Assert.Contains(_server.Violations, v => v.Contains("attachments entry 1 has no files[1]", StringComparison.Ordinal));
        Assert.Empty(_server.MessagesIn(225));
    }

    [SkippableFact]
    public async Task The_fake_validates_payload_json_against_the_spec_like_a_json_body()
    {
        Skip.If(DiscordSpec.SkipReason is not null, DiscordSpec.SkipReason);
        var tooMany = Enumerable.Range(0, 11).Select(i => new JsonObject { ["title"] = "t" + i }).ToArray();
        using var form = new MultipartFormDataContent();
        var payload = new JsonObject { ["embeds"] = new JsonArray([.. tooMany]), ["attachments"] = new JsonArray(new JsonObject { ["id"] = "0", ["filename"] = "a.txt" }) };
        form.Add(new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), "payload_json");
        form.Add(new ByteArrayContent([1]), "files[0]", "a.txt");
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.ApiBaseUrl + "/channels/226/messages") { Content = form };
        request.Headers.TryAddWithoutValidation("Authorization", "Bot " + FakeDiscordServer.BotToken);

        using var response = await _http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(_server.Violations, v => v.Contains("invalid body", StringComparison.Ordinal));
    }
}
