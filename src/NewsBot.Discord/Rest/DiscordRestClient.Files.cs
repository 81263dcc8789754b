using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>Posts a message with files (multipart: <c>payload_json</c> plus <c>files[n]</c>); with no files it is a plain JSON post.</summary>
    /// <exception cref="ArgumentException">The message or the files break Discord's limits (text lengths, 10 files, 10 MiB together).</exception>
    /// <exception cref="DiscordApiException">Discord refused it.</exception>
    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, MessageRequest message, IReadOnlyList<DiscordFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckLimits(message);
        var route = new DiscordRoute(HttpMethod.Post, $"channels/{Id(channelId)}/messages", "channels/{channel_id}/messages", Id(channelId))
        {
            ChannelId = channelId,
        };
        return SendWithFilesAsync<DiscordMessage>(route, message, files, underData: false, cancellationToken)!;
    }

    /// <summary>Answers an interaction (within 3 s of its creation); files only go with a message answer (type 4).</summary>
    /// <exception cref="ArgumentException">Files with another callback type, or limits broken.</exception>
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, IReadOnlyList<DiscordFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(files);
        if (response.Data is { } d)
        {
            CheckLimits(d.Content, d.Embeds, null);
        }
        if (files.Count > 0 && response.Type != InteractionCallbackType.ChannelMessageWithSource)
        {
            throw new ArgumentException($"Files go only with a message answer (type 4), not type {(int)response.Type}.", nameof(files));
        }
        var route = new DiscordRoute(HttpMethod.Post, $"interactions/{Id(interactionId)}/{Token(interactionToken)}/callback",
            "interactions/{interaction_id}/{token}/callback", Id(interactionId))
        {
            ExemptFromGlobal = true,
            UsesBotToken = false,
        };
        return SendWithFilesAsync<object>(route, response, files, underData: true, cancellationToken);
    }

    /// <summary>Sends a follow-up message, with files, to an interaction (for 15 minutes after it).</summary>
    /// <exception cref="ArgumentException">The message or the files break Discord's limits.</exception>
    public Task<DiscordMessage> CreateFollowupMessageAsync(string interactionToken, MessageRequest message, IReadOnlyList<DiscordFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckLimits(message);
        var route = WebhookRoute(HttpMethod.Post, interactionToken, "", "");
        return SendWithFilesAsync<DiscordMessage>(route, message, files, underData: false, cancellationToken)!;
    }

    /// <summary>One line naming the first upload limit the files break, or null.</summary>
    public static string? CheckFiles(IReadOnlyList<DiscordFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count > DiscordLimits.FilesPerMessage)
        {
            return $"{files.Count} files; Discord allows {DiscordLimits.FilesPerMessage} per message";
        }
        var total = files.Sum(f => (long)f.Content.Length);
        return total > DiscordLimits.UploadBytes
            ? $"the files hold {total} bytes together; Discord accepts {DiscordLimits.UploadBytes} ({DiscordLimits.UploadBytes / (1024 * 1024)} MiB) per message"
            : null;
    }

    private Task<T?> SendWithFilesAsync<T>(DiscordRoute route, object body, IReadOnlyList<DiscordFile> files, bool underData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return SendAsync<T>(route, body, cancellationToken);
        }
        if (CheckFiles(files) is { } problem)
        {
            throw new ArgumentException("Message not sent: " + problem + ".", nameof(files));
        }
        return SendAsync<T>(route, null, cancellationToken, Multipart(body, files, underData));
    }

    /// <summary>
    /// The multipart body: the JSON as <c>payload_json</c>, whose <c>attachments</c> array names each <c>files[n]</c>
    /// by id n. The JSON and the bytes are prepared once; the returned factory only wraps them for each attempt.
    /// </summary>
    private static Func<HttpContent> Multipart(object body, IReadOnlyList<DiscordFile> files, bool underData)
    {
        var root = JsonSerializer.SerializeToNode(body, body.GetType(), DiscordJson.Options)!.AsObject();
        var message = root;
        if (underData)
        {
            message = root["data"] as JsonObject ?? new JsonObject();
            root["data"] = message;
        }
        message["attachments"] = new JsonArray([.. files.Select((f, i) => (JsonNode)new JsonObject
        {
            ["id"] = i.ToString(CultureInfo.InvariantCulture),
            ["filename"] = f.FileName,
        })]);
        var payload = JsonSerializer.SerializeToUtf8Bytes(root, DiscordJson.Options);
        return () =>
        {
            var form = new MultipartFormDataContent();
            var json = new ByteArrayContent(payload);
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            form.Add(json, "payload_json");
            for (var i = 0; i < files.Count; i++)
            {
                var part = new ByteArrayContent(files[i].Content);
                part.Headers.ContentType = MediaTypeHeaderValue.TryParse(files[i].ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, $"files[{i.ToString(CultureInfo.InvariantCulture)}]", files[i].FileName);
            }
            return form;
        };
    }
}
