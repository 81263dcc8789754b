using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NewsBot.Tests.Telegram;

/// <summary>
/// Media the way the Bot API takes it: sendPhoto/sendVideo/sendAudio with a URL Telegram fetches or an uploaded file
/// in the same-named multipart field, and sendMediaGroup with 2–10 photos, each a URL or <c>attach://name</c> of an
/// uploaded part. A URL a test marks as unfetchable is refused the way Telegram refuses such URLs.
/// </summary>
public sealed partial class FakeTelegramServer
{
    private readonly Dictionary<string, string> _unfetchable = [];
    private readonly HashSet<(long Chat, int Thread)> _deletedTopics = [];

    /// <summary>An admin deletes a forum topic: sends into it are refused the way Telegram refuses them.</summary>
    public void DeleteTopic(long chatId, int threadId)
    {
        lock (_gate)
        {
            _deletedTopics.Add((chatId, threadId));
        }
    }

    private bool TopicDeleted(long chatId, JsonObject body) =>
        (int?)Long(body["message_thread_id"]) is { } thread && _deletedTopics.Contains((chatId, thread));

    /// <summary>Telegram cannot fetch this URL (hotlink protection, wrong type, too large): sends naming it get a 400.</summary>
    public void CannotFetch(string url, string description = "Bad Request: failed to get HTTP URL content")
    {
        lock (_gate)
        {
            _unfetchable[url] = description;
        }
    }

    private IResult? MediaProblem(string method, JsonObject body, Dictionary<string, (string FileName, byte[] Content)> files)
    {
        var field = method[4..].ToLowerInvariant();
        var value = (string?)body[field];
        lock (_gate)
        {
            if (value is not null && _unfetchable.TryGetValue(value, out var refused))
            {
                return Error(400, refused);
            }
            if (value is null ? !files.ContainsKey(field) : value.StartsWith("attach://", StringComparison.Ordinal) && !files.ContainsKey(value["attach://".Length..]))
            {
                _violations.Add($"{method}: neither a URL nor an uploaded file in '{field}' ({value})");
                return Error(400, $"Bad Request: there is no {field} in the request");
            }
            if (value is not null && !value.StartsWith("http", StringComparison.Ordinal) && !value.StartsWith("attach://", StringComparison.Ordinal))
            {
                _violations.Add($"{method}: '{value}' is not a URL");
                return Error(400, "Bad Request: wrong HTTP URL specified");
            }
        }
        return null;
    }

    private IResult SendMediaGroup(JsonObject body, Dictionary<string, (string FileName, byte[] Content)> files)
    {
        var chatId = Long(body["chat_id"]);
        lock (_gate)
        {
            if (chatId is null || !_chats.TryGetValue(chatId.Value, out var chat))
            {
                return Error(400, "Bad Request: chat not found");
            }
            if (chat.Kicked)
            {
                return Error(403, $"Forbidden: bot was kicked from the {chat.Type} chat");
            }
            if (body["media"] is not JsonArray media || media.Count is < 2 or > 10)
            {
                _violations.Add($"sendMediaGroup to {chat.Id}: media must hold 2 to 10 items");
                return Error(400, "Bad Request: wrong number of media items");
            }
            if (TopicDeleted(chat.Id, body))
            {
                return Error(400, "Bad Request: message thread not found");
            }
            var items = new List<(string Photo, string? Caption)>();
            foreach (var item in media)
            {
                var type = (string?)item?["type"];
                var reference = (string?)item?["media"] ?? "";
                if (type != "photo")
                {
                    _violations.Add($"sendMediaGroup to {chat.Id}: item of type {type}");
                    return Error(400, "Bad Request: wrong media type");
                }
                if (_unfetchable.TryGetValue(reference, out var refused))
                {
                    return Error(400, refused);
                }
                string photo;
                if (reference.StartsWith("attach://", StringComparison.Ordinal))
                {
                    if (!files.TryGetValue(reference["attach://".Length..], out var file))
                    {
                        _violations.Add($"sendMediaGroup to {chat.Id}: {reference} names no uploaded part");
                        return Error(400, "Bad Request: wrong file identifier/HTTP URL specified");
                    }
                    photo = "upload:" + file.FileName;
                }
                else if (Uri.TryCreate(reference, UriKind.Absolute, out _))
                {
                    photo = reference;
                }
                else
                {
                    _violations.Add($"sendMediaGroup to {chat.Id}: '{reference}' is neither a URL nor attach://");
                    return Error(400, "Bad Request: wrong HTTP URL specified");
                }
                var caption = (string?)item?["caption"];
                if (caption is not null && string.Equals((string?)item?["parse_mode"], "HTML", StringComparison.OrdinalIgnoreCase))
                {
                    var (parsed, error) = TelegramHtmlRules.Parse(caption);
                    if (error is not null)
                    {
                        _violations.Add($"sendMediaGroup to {chat.Id}: {error} in: {caption}");
                        return Error(400, "Bad Request: can't parse entities: " + error);
                    }
                    if (parsed!.Length > 1024)
                    {
                        _violations.Add($"sendMediaGroup to {chat.Id}: caption of {parsed.Length} characters (limit 1024)");
                        return Error(400, "Bad Request: message caption is too long");
                    }
                }
                items.Add((photo, caption));
            }
            var now = DateTimeOffset.UtcNow;
            var thread = (int?)Long(body["message_thread_id"]);
            var result = new JsonArray();
            foreach (var (photo, caption) in items)
            {
                var id = _nextMessageId++;
                _sent.Add(new Sent("sendMediaGroup", chat.Id, id, caption, caption is null ? null : "HTML", thread, photo, body, now));
                result.Add(new JsonObject
                {
                    ["message_id"] = id,
                    ["date"] = now.ToUnixTimeSeconds(),
                    ["chat"] = ChatJson(chat),
                    ["media_group_id"] = "g" + items.Count + "-" + id,
                    ["photo"] = new JsonArray(new JsonObject { ["file_id"] = "AgAD" + id, ["file_unique_id"] = "u" + id, ["width"] = 800, ["height"] = 600 }),
                });
            }
            return Results.Text(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), "application/json");
        }
    }
}
