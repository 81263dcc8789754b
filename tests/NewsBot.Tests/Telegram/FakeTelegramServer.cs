using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Telegram;

/// <summary>
/// A loopback Telegram Bot API: POST /bot&lt;token&gt;/&lt;method&gt; with JSON (or multipart) bodies, the real method
/// names and answer shapes, getUpdates long polling, chats with members, and failures a test scripts. Every HTML
/// text or caption it receives is checked against Telegram's parser rules and limits; breaches are kept in
/// <see cref="Violations"/> as well as answered the way Telegram would.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(10);

    public const string Token = "123456789:TEST-token_for_loopback";
    public const long BotId = 123456789;
    public const string BotUsername = "NewsTestBot";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _updates = [];
    private readonly List<Sent> _sent = [];
    private readonly List<(string Method, JsonObject Body, DateTimeOffset At)> _requests = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<long, Chat> _chats = [];
    private readonly Dictionary<long, Queue<Failure>> _scripted = [];
    private readonly Dictionary<long, DateTimeOffset> _retryUntil = [];
    private readonly Dictionary<(long Chat, int Attempt), Failure> _failAt = [];
    private readonly Dictionary<long, int> _attempts = [];
    private TaskCompletionSource _updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;
    private int _pollGeneration;
    private readonly Dictionary<string, byte[]> _files = [];
    private TaskCompletionSource? _hold;
    private int _held;

    private FakeTelegramServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public sealed record Sent(string Method, long ChatId, int MessageId, string? Text, string? ParseMode, int? ThreadId, string? Photo, JsonObject Body, DateTimeOffset At, string? DocumentName = null, byte[]? Document = null);

    public sealed record Failure(int Code, string Description, JsonObject? Parameters = null);

    private sealed class Chat(long id, string type, string? title)
    {
        public string? Username { get; set; }
        public long Id { get; } = id;
        public string Type { get; } = type;
        public string? Title { get; } = title;
        public Dictionary<long, string> Members { get; } = [];
        public bool Kicked { get; set; }
        public long? MigratedTo { get; set; }
    }

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTelegramServer(app);
        app.MapPost("/bot{token}/{method}", (string token, string method, HttpContext ctx) => server.HandleAsync(token, method, ctx));
        app.MapGet("/file/bot{token}/documents/{id}", (string token, string id) => server.Download(token, id));
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    // ---- what a test sets up ----

    public void AddChat(long id, string type, string? title = null, params (long User, string Status)[] members)
    {
        lock (_gate)
        {
            var chat = new Chat(id, type, title);
            foreach (var (user, status) in members)
            {
                chat.Members[user] = status;
            }
            _chats[id] = chat;
        }
    }

    /// <summary>The chat's public @username, by which getChat finds it.</summary>
    public void SetUsername(long chatId, string username)
    {
        lock (_gate)
        {
            _chats[chatId].Username = username;
        }
    }

    private IResult GetChat(JsonObject body)
    {
        var key = body["chat_id"]?.ToString() ?? "";
        lock (_gate)
        {
            var chat = key.StartsWith('@')
                ? _chats.Values.FirstOrDefault(c => string.Equals("@" + c.Username, key, StringComparison.OrdinalIgnoreCase))
                : long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? _chats.GetValueOrDefault(id) : null;
            if (chat is null || (chat.Type != "private" && !chat.Members.ContainsKey(BotId)))
            {
                return Error(400, "Bad Request: chat not found");
            }
            var full = ChatJson(chat);
            full["accent_color_id"] = 0;
            full["max_reaction_count"] = 11;
            return Ok(full);
        }
    }

    /// <summary>The next sends to <paramref name="chatId"/> fail like this, one failure per send, before anything else is checked.</summary>
    public void FailNext(long chatId, Failure failure, int times = 1)
    {
        lock (_gate)
        {
            if (!_scripted.TryGetValue(chatId, out var queue))
            {
                _scripted[chatId] = queue = new Queue<Failure>();
            }
            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(failure);
            }
        }
    }

    /// <summary>The <paramref name="attempt"/>-th send to the chat (counting every send request, 1-based) fails like this.</summary>
    public void FailAt(long chatId, int attempt, Failure failure)
    {
        lock (_gate)
        {
            _failAt[(chatId, attempt)] = failure;
        }
    }

    public static Failure TooManyRequests(int retryAfter) =>
        new(429, $"Too Many Requests: retry after {retryAfter}", new JsonObject { ["retry_after"] = retryAfter });

    public static Failure CantParseEntities() => new(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0");

    /// <summary>
    /// Sends from now on get no answer until <see cref="ReleaseHeld"/>: a request in flight when its sender is killed.
    /// Released requests are dropped, never recorded as sent, as Telegram never accepted them.
    /// </summary>
    public void HoldSends()
    {
        lock (_gate)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Send requests that arrived while sends were held.</summary>
    public int HeldSends => Volatile.Read(ref _held);

    public void ReleaseHeld()
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            (hold, _hold) = (_hold, null);
        }
        hold?.TrySetResult();
    }

    /// <summary>The bot is kicked: sends answer 403 and a my_chat_member update says so.</summary>
    public void Kick(long chatId, long byUser)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            chat.Kicked = true;
            PushLocked(MyChatMember(chat, byUser, "member", "kicked"));
        }
    }

    public void AddBack(long chatId, long byUser)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            chat.Kicked = false;
            PushLocked(MyChatMember(chat, byUser, "left", "member"));
        }
    }

    /// <summary>The group became a supergroup: sends to the old id answer 400 with migrate_to_chat_id.</summary>
    public void Migrate(long chatId, long newId)
    {
        lock (_gate)
        {
            var old = _chats[chatId];
            old.MigratedTo = newId;
            var moved = new Chat(newId, "supergroup", old.Title);
            foreach (var (user, status) in old.Members)
            {
                moved.Members[user] = status;
            }
            _chats[newId] = moved;
        }
    }

    /// <summary>A person (or a channel post when <paramref name="fromUser"/> is null) writes in a chat.</summary>
    public int PushText(long chatId, long? fromUser, string text, string? languageCode = "en", int? threadId = null)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            var messageId = _nextMessageId++;
            var message = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = ChatJson(chat),
                ["text"] = text,
            };
            if (fromUser is { } user)
            {
                message["from"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = $"User{user}", ["language_code"] = languageCode };
            }
            else
            {
                message["sender_chat"] = ChatJson(chat);
            }
            if (threadId is { } thread)
            {
                message["message_thread_id"] = thread;
                message["is_topic_message"] = true;
            }
            var command = CommandPrefix().Match(text);
            if (command.Success)
            {
                message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = command.Length });
            }
            PushLocked(new JsonObject { [chat.Type == "channel" ? "channel_post" : "message"] = message });
            return messageId;
        }
    }

    /// <summary>Someone sends a file with a command in its caption.</summary>
    public void PushDocument(long chatId, long fromUser, string caption, string fileName, byte[] content)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            var fileId = "BQAC" + Guid.NewGuid().ToString("N");
            _files[fileId] = content;
            PushLocked(new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["message_id"] = _nextMessageId++,
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["chat"] = ChatJson(chat),
                    ["from"] = new JsonObject { ["id"] = fromUser, ["is_bot"] = false, ["first_name"] = $"User{fromUser}", ["language_code"] = "en" },
                    ["caption"] = caption,
                    ["document"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId[..12], ["file_name"] = fileName, ["mime_type"] = "text/x-opml", ["file_size"] = content.Length },
                },
            });
        }
    }

    private IResult Download(string token, string id)
    {
        lock (_gate)
        {
            return token == Token && _files.TryGetValue(id, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound();
        }
    }

    /// <summary>Someone presses an inline button of a message the bot sent.</summary>
    public void PushCallback(Sent message, long fromUser, string data, string? languageCode = "en")
    {
        lock (_gate)
        {
            var chat = _chats[message.ChatId];
            PushLocked(new JsonObject
            {
                ["callback_query"] = new JsonObject
                {
                    ["id"] = Guid.NewGuid().ToString("N"),
                    ["from"] = new JsonObject { ["id"] = fromUser, ["is_bot"] = false, ["first_name"] = $"User{fromUser}", ["language_code"] = languageCode },
                    ["chat_instance"] = "1",
                    ["data"] = data,
                    ["message"] = new JsonObject
                    {
                        ["message_id"] = message.MessageId,
                        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        ["chat"] = ChatJson(chat),
                        ["text"] = message.Text,
                    },
                },
            });
        }
    }

    // ---- what a test reads ----

    public List<Sent> SentTo(long chatId)
    {
        lock (_gate)
        {
            return _sent.Where(s => s.ChatId == chatId).ToList();
        }
    }

    public List<Sent> AllSent()
    {
        lock (_gate)
        {
            return [.. _sent];
        }
    }

    public List<(string Method, JsonObject Body, DateTimeOffset At)> Requests(string method)
    {
        lock (_gate)
        {
            return _requests.Where(r => r.Method == method).ToList();
        }
    }

    public List<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    public int PendingUpdates
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    // ---- the API ----

    private async Task<IResult> HandleAsync(string token, string method, HttpContext ctx)
    {
        if (token != Token)
        {
            return Error(401, "Unauthorized");
        }
        JsonObject body;
        string? documentName = null;
        byte[]? document = null;
        Dictionary<string, (string FileName, byte[] Content)> files;
        try
        {
            (body, documentName, document, files) = await ReadBodyAsync(ctx);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            lock (_gate)
            {
                _violations.Add($"{method}: unreadable body: {e.Message}");
            }
            return Error(400, "Bad Request: invalid request body");
        }
        lock (_gate)
        {
            _requests.Add((method, body, DateTimeOffset.UtcNow));
        }
        switch (method)
        {
            case "getMe":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "News", ["username"] = BotUsername, ["can_join_groups"] = true });
            case "getUpdates":
                var updates = await GetUpdatesAsync(body, ctx.RequestAborted);
                return updates;
            case "setMyCommands":
                return SetMyCommands(body);
            case "deleteWebhook" or "setWebhook":
                return Ok(true);
            case "getChatMember":
                return GetChatMember(body);
            case "getChat":
                return GetChat(body);
            case "answerCallbackQuery":
                return Ok(true);
            case "getFile":
                lock (_gate)
                {
                    var fileId = (string?)body["file_id"] ?? "";
                    return _files.TryGetValue(fileId, out var bytes)
                        ? Ok(new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId[..12], ["file_size"] = bytes.Length, ["file_path"] = "documents/" + fileId })
                        : Error(400, "Bad Request: invalid file_id");
                }
            case "sendMessage" or "sendPhoto" or "sendDocument" or "sendVideo" or "sendAudio" or "sendMediaGroup" or "editMessageText" or "editMessageCaption":
                Task? held;
                lock (_gate)
                {
                    held = _hold?.Task;
                }
                if (held is not null)
                {
                    Interlocked.Increment(ref _held);
                    try
                    {
                        await held.WaitAsync(ctx.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The sender is gone: nobody reads an answer.
                    }
                    return Error(502, "Bad Gateway");
                }
                if (method == "sendMediaGroup")
                {
                    return SendMediaGroup(body, files);
                }
                if (method is "sendPhoto" or "sendVideo" or "sendAudio" && MediaProblem(method, body, files) is { } refused)
                {
                    return refused;
                }
                return Send(method, body, documentName, document);
            default:
                return Error(404, "Not Found: method not found");
        }
    }

    private static async Task<(JsonObject Body, string? DocumentName, byte[]? Document, Dictionary<string, (string FileName, byte[] Content)> Files)> ReadBodyAsync(HttpContext ctx)
    {
        var files = new Dictionary<string, (string FileName, byte[] Content)>();
        if (ctx.Request.HasFormContentType)
        {
            var form = await ctx.Request.ReadFormAsync();
            var body = new JsonObject();
            foreach (var (key, value) in form)
            {
                var text = value.ToString();
                // Multipart fields carry strings, or JSON for structured values.
                body[key] = text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text) : JsonValue.Create(text);
            }
            foreach (var part in form.Files)
            {
                using var content = new MemoryStream();
                await part.CopyToAsync(content);
                files[part.Name] = (part.FileName, content.ToArray());
            }
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            return file is null ? (body, null, null, files) : (body, file.FileName, files[file.Name].Content, files);
        }
        using var reader = new StreamReader(ctx.Request.Body);
        var json = await reader.ReadToEndAsync();
        if (json.Length == 0)
        {
            return (new JsonObject(), null, null, files);
        }
        if (ctx.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new InvalidDataException($"content type {ctx.Request.ContentType} is not JSON");
        }
        return (JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("the body is not a JSON object"), null, null, files);
    }

    private async Task<IResult> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = Long(body["offset"]) ?? 0;
        var timeout = Math.Clamp(Long(body["timeout"]) ?? 0, 0, 50);
        int generation;
        Task arrived;
        lock (_gate)
        {
            generation = ++_pollGeneration;
            _updates.RemoveAll(u => Long(u["update_id"]) < offset);
            if (_updates.Count > 0 || timeout == 0)
            {
                return Ok(new JsonArray(_updates.Select(u => u.DeepClone()).ToArray()));
            }
            arrived = _updateArrived.Task;
        }
        try
        {
            await arrived.WaitAsync(TimeSpan.FromSeconds(timeout), aborted);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
            return Results.Empty;
        }
        lock (_gate)
        {
            if (generation != _pollGeneration)
            {
                return Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
            }
            return Ok(new JsonArray(_updates.Select(u => u.DeepClone()).ToArray()));
        }
    }

    private IResult SetMyCommands(JsonObject body)
    {
        if (body["commands"] is not JsonArray commands || commands.Count is 0 or > 100)
        {
            return Error(400, "Bad Request: commands must be a non-empty list of at most 100");
        }
        foreach (var c in commands)
        {
            var name = (string?)c?["command"] ?? "";
            var description = (string?)c?["description"] ?? "";
            if (!CommandName().IsMatch(name) || description.Length is 0 or > 256)
            {
                lock (_gate)
                {
                    _violations.Add($"setMyCommands: bad command '{name}' / '{description}'");
                }
                return Error(400, "Bad Request: BOT_COMMAND_INVALID");
            }
        }
        return Ok(true);
    }

    private IResult GetChatMember(JsonObject body)
    {
        var chatId = Long(body["chat_id"]);
        var userId = Long(body["user_id"]) ?? 0;
        lock (_gate)
        {
            if (chatId is null || !_chats.TryGetValue(chatId.Value, out var chat))
            {
                return Error(400, "Bad Request: chat not found");
            }
            var status = chat.Members.GetValueOrDefault(userId, "member");
            // "administrator:no-post": an administrator of a channel without the right to post there.
            var mayPost = status != "administrator:no-post";
            status = status.Split(':')[0];
            var member = new JsonObject
            {
                ["status"] = status,
                ["user"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = $"User{userId}" },
            };
            if (status == "administrator")
            {
                foreach (var right in new[] { "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories" })
                {
                    member[right] = right == "can_manage_chat";
                }
                if (chat.Type == "channel")
                {
                    member["can_post_messages"] = mayPost;
                    member["can_edit_messages"] = mayPost;
                }
            }
            else if (status == "creator")
            {
                member["is_anonymous"] = false;
            }
            return Ok(member);
        }
    }

    private IResult Send(string method, JsonObject body, string? documentName, byte[]? document)
    {
        var chatId = Long(body["chat_id"]);
        lock (_gate)
        {
            if (chatId is null || !_chats.TryGetValue(chatId.Value, out var chat))
            {
                return Error(400, "Bad Request: chat not found");
            }
            var now = DateTimeOffset.UtcNow;
            // Timers may fire a millisecond or so early against this clock; Telegram counts retry_after in whole seconds.
            if (_retryUntil.TryGetValue(chat.Id, out var until) && now < until - ClockSlack)
            {
                _violations.Add($"{method} to {chat.Id} {(until - now).TotalMilliseconds:0} ms before retry_after ended");
            }
            var attempt = _attempts[chat.Id] = _attempts.GetValueOrDefault(chat.Id) + 1;
            if ((_scripted.TryGetValue(chat.Id, out var queue) && queue.TryDequeue(out var failure)) || _failAt.Remove((chat.Id, attempt), out failure))
            {
                if (failure.Code == 429)
                {
                    _retryUntil[chat.Id] = now + TimeSpan.FromSeconds(Long(failure.Parameters?["retry_after"]) ?? 1);
                }
                return Error(failure.Code, failure.Description, failure.Parameters);
            }
            if (chat.MigratedTo is { } newId)
            {
                return Error(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = newId });
            }
            if (chat.Kicked)
            {
                return Error(403, chat.Type == "private" ? "Forbidden: bot was blocked by the user" : $"Forbidden: bot was kicked from the {chat.Type} chat");
            }
            if (TopicDeleted(chat.Id, body))
            {
                return Error(400, "Bad Request: message thread not found");
            }

            var isEdit = method.StartsWith("edit", StringComparison.Ordinal);
            var isCaption = method is "sendPhoto" or "sendDocument" or "sendVideo" or "sendAudio" or "editMessageCaption";
            var field = isCaption ? "caption" : "text";
            var text = (string?)body[field];
            if (isEdit && EditProblem(chat.Id, (int)(Long(body["message_id"]) ?? 0), method, text, body["reply_markup"]?.ToJsonString()) is { } problem)
            {
                return Error(400, problem);
            }
            var parseMode = (string?)body["parse_mode"];
            if (!isCaption && string.IsNullOrEmpty(text))
            {
                _violations.Add($"{method} to {chat.Id}: empty text");
                return Error(400, "Bad Request: message text is empty");
            }
            var visible = text ?? "";
            if (text is not null && string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase))
            {
                var (parsed, error) = TelegramHtmlRules.Parse(text);
                if (error is not null)
                {
                    _violations.Add($"{method} to {chat.Id}: {error} in: {text}");
                    return Error(400, "Bad Request: can't parse entities: " + error);
                }
                visible = parsed!;
            }
            else if (parseMode is not null && parseMode.Length > 0)
            {
                _violations.Add($"{method} to {chat.Id}: unexpected parse_mode {parseMode}");
            }
            var limit = isCaption ? 1024 : 4096;
            if (visible.Length > limit)
            {
                _violations.Add($"{method} to {chat.Id}: {field} of {visible.Length} characters (limit {limit})");
                return Error(400, isCaption ? "Bad Request: message caption is too long" : "Bad Request: message is too long");
            }
            var photo = method == "sendPhoto" ? (string?)body["photo"] ?? "attach://" : null;
            if (photo?.StartsWith("attach://", StringComparison.Ordinal) == true && documentName is not null)
            {
                photo = "upload:" + documentName;
            }
            if (method == "sendPhoto" && (photo is null || !(Uri.TryCreate(photo, UriKind.Absolute, out _) || photo.StartsWith("upload:", StringComparison.Ordinal))))
            {
                _violations.Add($"sendPhoto to {chat.Id}: photo '{photo}' is not a URL");
                return Error(400, "Bad Request: wrong HTTP URL specified");
            }
            var thread = (int?)Long(body["message_thread_id"]);
            var messageId = isEdit ? (int)(Long(body["message_id"]) ?? 0) : _nextMessageId++;
            _sent.Add(new Sent(method, chat.Id, messageId, text, parseMode, thread, photo, body, now, documentName, document));
            var result = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = now.ToUnixTimeSeconds(),
                ["chat"] = ChatJson(chat),
            };
            if (thread is { } t)
            {
                result["message_thread_id"] = t;
            }
            if (!isCaption)
            {
                result["text"] = visible;
            }
            else if (text is not null)
            {
                result["caption"] = visible;
            }
            if (photo is not null)
            {
                result["photo"] = new JsonArray(new JsonObject { ["file_id"] = "AgAD" + messageId, ["file_unique_id"] = "u" + messageId, ["width"] = 800, ["height"] = 600 });
            }
            if (documentName is not null && method == "sendDocument")
            {
                result["document"] = new JsonObject { ["file_id"] = "BQAD" + messageId, ["file_unique_id"] = "d" + messageId, ["file_name"] = documentName };
            }
            return Ok(result);
        }
    }

    /// <summary>
    /// What Telegram answers an edit that cannot be made: the message must exist in that chat (and not be deleted), a
    /// text edit needs a text message and a caption edit a media one, and an edit that changes nothing is refused.
    /// </summary>
    private string? EditProblem(long chatId, int messageId, string method, string? text, string? markup)
    {
        var versions = _sent.Where(s => s.ChatId == chatId && s.MessageId == messageId).ToList();
        var original = versions.FirstOrDefault(s => s.Method.StartsWith("send", StringComparison.Ordinal));
        if (original is null || _deleted.Contains((chatId, messageId)))
        {
            return "Bad Request: message to edit not found";
        }
        var hasCaption = original.Method is "sendPhoto" or "sendDocument" or "sendVideo" or "sendAudio" or "sendMediaGroup";
        if (method == "editMessageText" && hasCaption)
        {
            return "Bad Request: there is no text in the message to edit";
        }
        if (method == "editMessageCaption" && !hasCaption)
        {
            return "Bad Request: there is no caption in the message to edit";
        }
        if (versions[^1].Text == text && versions[^1].Body["reply_markup"]?.ToJsonString() == markup)
        {
            return "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
        }
        return null;
    }

    /// <summary>Deletes a message as an admin would; a later edit of it is refused.</summary>
    public void DeleteMessage(long chatId, int messageId)
    {
        lock (_gate)
        {
            _deleted.Add((chatId, messageId));
        }
    }

    private readonly HashSet<(long Chat, int Message)> _deleted = [];

    // ---- helpers ----

    private void PushLocked(JsonObject update)
    {
        update["update_id"] = _nextUpdateId++;
        _updates.Add(update);
        var arrived = _updateArrived;
        _updateArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.TrySetResult();
    }

    private static JsonObject MyChatMember(Chat chat, long byUser, string oldStatus, string newStatus) => new()
    {
        ["my_chat_member"] = new JsonObject
        {
            ["chat"] = ChatJson(chat),
            ["from"] = new JsonObject { ["id"] = byUser, ["is_bot"] = false, ["first_name"] = $"User{byUser}" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["old_chat_member"] = new JsonObject { ["status"] = oldStatus, ["user"] = BotUser() },
            ["new_chat_member"] = newStatus == "kicked"
                ? new JsonObject { ["status"] = newStatus, ["user"] = BotUser(), ["until_date"] = 0 }
                : new JsonObject { ["status"] = newStatus, ["user"] = BotUser() },
        },
    };

    private static JsonObject BotUser() => new() { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "News", ["username"] = BotUsername };

    private static JsonObject ChatJson(Chat chat)
    {
        var json = new JsonObject { ["id"] = chat.Id, ["type"] = chat.Type };
        if (chat.Title is not null)
        {
            json["title"] = chat.Title;
        }
        if (chat.Username is not null)
        {
            json["username"] = chat.Username;
        }
        if (chat.Type == "private")
        {
            json["first_name"] = "Private";
        }
        return json;
    }

    private static long? Long(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private IResult Ok(JsonNode result)
    {
        var json = new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString();
        if (result is JsonArray)
        {
            lock (_gate)
            {
                UpdateResponses.Add(json);
            }
        }
        return Results.Text(json, "application/json");
    }

    /// <summary>Every getUpdates answer, for a failing test to show.</summary>
    public List<string> UpdateResponses { get; } = [];

    private static IResult Ok(bool result) =>
        Results.Text(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), "application/json");

    private static IResult Error(int code, string description, JsonObject? parameters = null)
    {
        var json = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            json["parameters"] = parameters.DeepClone();
        }
        return Results.Text(json.ToJsonString(), "application/json", statusCode: code);
    }

    [GeneratedRegex(@"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")]
    private static partial Regex CommandPrefix();

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
