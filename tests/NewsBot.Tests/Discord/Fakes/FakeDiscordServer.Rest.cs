using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NewsBot.Tests.Discord.Fakes;

public sealed partial class FakeDiscordServer
{
    private static readonly (string Method, Regex Pattern, string Template, bool Bot)[] Routes =
    [
        ("GET", new(@"^/gateway/bot$"), "/gateway/bot", true),
        ("GET", new(@"^/channels/(\d+)$"), "/channels/{channel_id}", true),
        ("POST", new(@"^/channels/(\d+)/messages$"), "/channels/{channel_id}/messages", true),
        ("PATCH", new(@"^/channels/(\d+)/messages/(\d+)$"), "/channels/{channel_id}/messages/{message_id}", true),
        ("POST", new(@"^/channels/(\d+)/threads$"), "/channels/{channel_id}/threads", true),
        ("GET", new(@"^/guilds/(\d+)/threads/active$"), "/guilds/{guild_id}/threads/active", true),
        ("GET", new(@"^/guilds/(\d+)$"), "/guilds/{guild_id}", true),
        ("GET", new(@"^/guilds/(\d+)/members/(\d+)$"), "/guilds/{guild_id}/members/{user_id}", true),
        ("PUT", new(@"^/applications/(\d+)/commands$"), "/applications/{application_id}/commands", true),
        ("PUT", new(@"^/applications/\d+/guilds/(\d+)/commands$"), "/applications/{application_id}/guilds/{guild_id}/commands", true),
        ("POST", new(@"^/interactions/(\d+)/([^/]+)/callback$"), "/interactions/{interaction_id}/{token}/callback", false),
        ("POST", new(@"^/webhooks/(\d+)/([^/]+)$"), "/webhooks/{application_id}/{token}", false),
        ("PATCH", new(@"^/webhooks/(\d+)/([^/]+)/messages/@original$"), "/webhooks/{application_id}/{token}/messages/@original", false),
    ];

    private readonly Dictionary<string, FakeInteraction> _interactions = [];

    /// <summary>Recommended shard count /gateway/bot reports.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>max_concurrency /gateway/bot reports.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>
    /// Makes an interaction token known, as INTERACTION_CREATE does, so callbacks and follow-ups to it succeed.
    /// <c>answeredOverHttp</c>: the bot answers it in the HTTP endpoint's response, which Discord sees and this fake does not.
    /// </summary>
    public void RegisterInteraction(ulong id, string token, bool answeredOverHttp = false)
    {
        lock (_lock)
        {
            _interactions[token] = new FakeInteraction(id) { CallbackType = answeredOverHttp ? 4 : null };
        }
    }

    private async Task<(int Status, JsonNode? Body, Dictionary<string, string> Headers)> RouteAsync(string method, string path, JsonNode? body, string authorization, List<RecordedFile>? files)
    {
        var headers = new Dictionary<string, string>();
        var route = Routes.Select(r => (r, m: r.Pattern.Match(path))).FirstOrDefault(x => x.r.Method == method && x.m.Success);
        if (route.m is null)
        {
            return (404, Error(0, "404: Not Found"), headers);
        }
        var (_, _, template, bot) = route.r;
        var routeKey = method + " " + template;
        var major = route.m.Groups[1].Value + (route.m.Groups.Count > 2 ? "/" + route.m.Groups[2].Value : "");
        if (bot && authorization != "Bot " + BotToken)
        {
            return (401, Error(0, "401: Unauthorized"), headers);
        }
        if (RateLimit(method, path, routeKey, major, exemptFromGlobal: !bot, headers) is { } limited)
        {
            return (429, limited, headers);
        }
        var channelId = template.StartsWith("/channels/", StringComparison.Ordinal) ? ulong.Parse(route.m.Groups[1].Value, CultureInfo.InvariantCulture) : (ulong?)null;
        lock (_lock)
        {
            if (channelId is { } c && _deniedChannels.TryGetValue(c, out var denied))
            {
                return (denied.Status, Error(denied.Code, denied.Message), headers);
            }
        }
        var schema = template switch
        {
            "/channels/{channel_id}/messages" => DiscordSpec.MessageCreate,
            "/channels/{channel_id}/messages/{message_id}" => DiscordSpec.MessageEdit,
            "/channels/{channel_id}/threads" => DiscordSpec.ForumThreadCreate,
            "/applications/{application_id}/commands" or "/applications/{application_id}/guilds/{guild_id}/commands" => DiscordSpec.CommandOverwrite,
            "/interactions/{interaction_id}/{token}/callback" => DiscordSpec.InteractionCallback,
            "/webhooks/{application_id}/{token}" => DiscordSpec.WebhookMessage,
            "/webhooks/{application_id}/{token}/messages/@original" => DiscordSpec.WebhookMessageEdit,
            _ => null,
        };
        if (files is not null && UploadProblem(routeKey, template, body, files) is { } refused)
        {
            return (400, refused, headers);
        }
        if (schema is not null && await InvalidBodyAsync(routeKey, schema, body) is { } invalid)
        {
            return (400, invalid, headers);
        }
        lock (_lock)
        {
            var (status, response) = template switch
            {
                "/gateway/bot" => (200, GatewayBot()),
                "/channels/{channel_id}" => _channels.TryGetValue(channelId!.Value, out var ch)
                    ? (200, ch.DeepClone())
                    : (404, Error(10003, "Unknown Channel")),
                "/channels/{channel_id}/messages" => CreateMessage(channelId!.Value, body!.AsObject(), files),
                "/channels/{channel_id}/messages/{message_id}" => EditMessage(channelId!.Value, route.m.Groups[2].Value, body!.AsObject()),
                "/channels/{channel_id}/threads" => CreateForumPost(channelId!.Value, body!.AsObject()),
                "/guilds/{guild_id}/threads/active" => (200, ActiveThreads(route.m.Groups[1].Value)),
                "/guilds/{guild_id}" => Guild(route.m.Groups[1].Value),
                "/guilds/{guild_id}/members/{user_id}" => Member(route.m.Groups[1].Value, route.m.Groups[2].Value),
                "/applications/{application_id}/commands" => Overwrite(route.m.Groups[1].Value, "global", body!.AsArray()),
                "/applications/{application_id}/guilds/{guild_id}/commands" => Overwrite(ApplicationId.ToString(CultureInfo.InvariantCulture), route.m.Groups[1].Value, body!.AsArray()),
                "/interactions/{interaction_id}/{token}/callback" => Callback(route.m.Groups[1].Value, Uri.UnescapeDataString(route.m.Groups[2].Value), body!.AsObject(), files),
                _ => Followup(route.m.Groups[1].Value, Uri.UnescapeDataString(route.m.Groups[2].Value), body!.AsObject(), method == "PATCH", files),
            };
            return (status, response, headers);
        }
    }

    /// <summary>Applies global, injected and per-bucket limits; returns a 429 body when the request is refused.</summary>
    private JsonObject? RateLimit(string method, string path, string routeKey, string major, bool exemptFromGlobal, Dictionary<string, string> headers)
    {
        lock (_lock)
        {
            var now = _clock.Elapsed;
            var key = routeKey + "|" + major;
            if (!exemptFromGlobal)
            {
                if (_blockedUntil.TryGetValue("global", out var g) && now < g)
                {
                    Violation($"{method} {path} sent {(g - now).TotalMilliseconds:F0} ms before the global retry_after ended");
                    return TooMany(headers, (g - now).TotalSeconds, true, "global");
                }
                while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _globalWindow.Dequeue();
                }
                if (_globalWindow.Count >= GlobalLimit)
                {
                    Violation($"{method} {path} exceeded the global limit of {GlobalLimit}/s");
                    return TooMany(headers, 1 - (now - _globalWindow.Peek()).TotalSeconds, true, "global");
                }
                _globalWindow.Enqueue(now);
            }
            if (_blockedUntil.TryGetValue(key, out var until) && now < until)
            {
                Violation($"{method} {path} sent {(until - now).TotalMilliseconds:F0} ms before its retry_after ended");
                return TooMany(headers, (until - now).TotalSeconds, false, "user");
            }
            var (limit, per) = _routeLimits.TryGetValue(routeKey, out var configured) ? configured : (1000, TimeSpan.FromSeconds(1));
            if (!_windows.TryGetValue(key, out var window) || now >= window.ResetAt)
            {
                window = (0, now + per);
            }
            headers["X-RateLimit-Bucket"] = "b" + (uint)StringComparer.Ordinal.GetHashCode(routeKey);
            headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            var failure = _failures.FirstOrDefault(f => f.Remaining > 0 && f.Method == method && f.Path.IsMatch(path));
            if (failure is not null)
            {
                failure.Remaining--;
                var retry = TimeSpan.FromSeconds(failure.RetryAfter);
                _blockedUntil[failure.Global ? "global" : key] = now + retry;
                // Like Discord, the 429 still carries the bucket's own state: a full window may outlast retry_after.
                var bucketReset = window.Count >= limit ? window.ResetAt - now : TimeSpan.Zero;
                headers["X-RateLimit-Remaining"] = "0";
                headers["X-RateLimit-Reset-After"] = Seconds(retry > bucketReset ? retry : bucketReset);
                return TooMany(headers, failure.RetryAfter, failure.Global, failure.Global ? "global" : failure.Scope);
            }
            if (window.Count >= limit)
            {
                Violation($"{method} {path} exceeded its bucket ({limit} per {per.TotalSeconds} s) although X-RateLimit-Remaining said 0");
                headers["X-RateLimit-Remaining"] = "0";
                headers["X-RateLimit-Reset-After"] = Seconds(window.ResetAt - now);
                return TooMany(headers, (window.ResetAt - now).TotalSeconds, false, "user");
            }
            window.Count++;
            _windows[key] = window;
            headers["X-RateLimit-Remaining"] = (limit - window.Count).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset-After"] = Seconds(window.ResetAt - now);
            return null;
        }
    }

    private static JsonObject TooMany(Dictionary<string, string> headers, double retryAfter, bool global, string scope)
    {
        retryAfter = Math.Max(retryAfter, 0.001);
        headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Scope"] = scope;
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        return new JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = Math.Round(retryAfter, 3, MidpointRounding.AwayFromZero),
            ["global"] = global,
        };
    }

    // Rounded up so a client that waits exactly this long never arrives early.
    private static string Seconds(TimeSpan span) =>
        (Math.Ceiling(Math.Max(span.TotalMilliseconds, 0)) / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private async Task<JsonObject?> InvalidBodyAsync(string routeKey, string schema, JsonNode? body)
    {
        var errors = new List<string>();
        if (body is null)
        {
            errors.Add("the body is missing");
        }
        else
        {
            if (ValidateBodies)
            {
                errors.AddRange(await DiscordSpec.ValidateAsync(schema, body.ToJsonString()));
            }
            if (schema != DiscordSpec.CommandOverwrite && body is JsonObject message)
            {
                errors.AddRange(MessageLimitErrors(message["data"] as JsonObject ?? message["message"] as JsonObject ?? message));
            }
        }
        if (errors.Count == 0)
        {
            return null;
        }
        Violation($"{routeKey}: invalid body: {string.Join("; ", errors)}");
        return Error(50035, "Invalid Form Body", new JsonArray([.. errors.Select(e => (JsonNode)e)]));
    }

    /// <summary>The limits the OpenAPI spec does not express: 2000-character content, 6000 characters of embed text.</summary>
    public static IEnumerable<string> MessageLimitErrors(JsonObject message)
    {
        if (message["content"] is JsonValue c && c.TryGetValue<string>(out var content) && content.Length > 2000)
        {
            yield return $"content: {content.Length} characters, more than 2000";
        }
        var total = 0;
        foreach (var embed in (message["embeds"] as JsonArray ?? []).OfType<JsonObject>())
        {
            total += Length(embed["title"]) + Length(embed["description"]) + Length(embed["footer"]?["text"]) + Length(embed["author"]?["name"]);
            total += (embed["fields"] as JsonArray ?? []).OfType<JsonObject>().Sum(f => Length(f["name"]) + Length(f["value"]));
        }
        if (total > 6000)
        {
            yield return $"embeds: {total} characters together, more than 6000";
        }
    }

    private static int Length(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : 0;

    private JsonObject GatewayBot() => new()
    {
        ["url"] = GatewayUrl,
        ["shards"] = RecommendedShards,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = 1000,
            ["remaining"] = 999,
            ["reset_after"] = 14_400_000,
            ["max_concurrency"] = MaxConcurrency,
        },
    };

    private readonly HashSet<string> _refusedImages = [];

    /// <summary>Discord refuses embeds whose image is this URL (as it does for a scheme or address it will not proxy).</summary>
    public void RefuseImage(string url)
    {
        lock (_lock)
        {
            _refusedImages.Add(url);
        }
    }

    /// <summary>What a create-message body would ping: content mentions that allowed_mentions admits. Discord's rules, for tests to assert.</summary>
    public static (List<string> Roles, List<string> Users, bool Everyone) Pings(JsonObject body)
    {
        var content = (string?)body["content"] ?? "";
        var allowed = body["allowed_mentions"] as JsonObject;
        var parse = (allowed?["parse"] as JsonArray ?? []).Select(p => (string?)p).ToList();
        var roles = (allowed?["roles"] as JsonArray ?? []).Select(p => (string?)p).ToList();
        var users = (allowed?["users"] as JsonArray ?? []).Select(p => (string?)p).ToList();
        var inRoles = MentionIds(content, "<@&").Where(id => allowed is null || parse.Contains("roles") || roles.Contains(id)).ToList();
        var inUsers = MentionIds(content, "<@").Where(id => allowed is null || parse.Contains("users") || users.Contains(id)).ToList();
        var everyone = (content.Contains("@everyone", StringComparison.Ordinal) || content.Contains("@here", StringComparison.Ordinal)) && (allowed is null || parse.Contains("everyone"));
        return (inRoles, inUsers, everyone);
    }

    private static IEnumerable<string> MentionIds(string content, string prefix)
    {
        for (var at = content.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = content.IndexOf(prefix, at + 1, StringComparison.Ordinal))
        {
            var start = at + prefix.Length;
            if (prefix == "<@" && start < content.Length && content[start] is '&')
            {
                continue;
            }
            if (start < content.Length && content[start] == '!')
            {
                start++;
            }
            var end = content.IndexOf('>', start);
            if (end > start && content[start..end].All(char.IsAsciiDigit))
            {
                yield return content[start..end];
            }
        }
    }

    private (int, JsonNode?) CreateMessage(ulong channelId, JsonObject body, List<RecordedFile>? files)
    {
        foreach (var image in (body["embeds"] as JsonArray ?? []).Select(e => (string?)e?["image"]?["url"]).OfType<string>())
        {
            if (_refusedImages.Contains(image))
            {
                return (400, Error(50035, "Invalid Form Body", new JsonArray("embeds.0.image.url: Not a well formed URL.")));
            }
            if (image.StartsWith("attachment://", StringComparison.Ordinal) && files?.Any(f => f.FileName == image["attachment://".Length..]) != true)
            {
                Violation($"an embed shows {image} but no such file was uploaded");
                return (400, Error(50035, "Invalid Form Body", new JsonArray("embeds.0.image.url: unknown attachment")));
            }
        }
        if ((body["allowed_mentions"]?["parse"] as JsonArray)?.Any(p => (string?)p == "everyone") == true)
        {
            Violation("a message allowed @everyone");
        }
        if (_channels.TryGetValue(channelId, out var channel) && (int)channel["type"]! is 15 or 16)
        {
            return (400, Error(50008, "Cannot send messages in a non-text channel"));
        }
        if (!_messages.TryGetValue(channelId, out var list))
        {
            _messages[channelId] = list = [];
        }
        var nonce = body["nonce"]?.ToJsonString();
        if (nonce is not null && body["enforce_nonce"]?.GetValue<bool>() == true
            && list.FirstOrDefault(m => m["nonce"]?.ToJsonString() == nonce) is { } existing)
        {
            return (200, existing.DeepClone());
        }
        var message = NewMessage(channelId.ToString(CultureInfo.InvariantCulture), body, files);
        list.Add(message);
        return (200, message.DeepClone());
    }

    /// <summary>
    /// As Discord does: only an existing message (10008 otherwise) of the bot's own (50005 otherwise) is edited; the fields
    /// sent replace the old ones, the rest stay, and <c>edited_timestamp</c> is set.
    /// </summary>
    private (int, JsonNode?) EditMessage(ulong channelId, string messageId, JsonObject body)
    {
        if (!_channels.ContainsKey(channelId) && !_messages.ContainsKey(channelId))
        {
            return (404, Error(10003, "Unknown Channel"));
        }
        var message = _messages.TryGetValue(channelId, out var list) ? list.FirstOrDefault(m => (string?)m["id"] == messageId) : null;
        if (message is null)
        {
            return (404, Error(10008, "Unknown Message"));
        }
        if ((string?)message["author"]?["id"] != ApplicationId.ToString(CultureInfo.InvariantCulture))
        {
            return (403, Error(50005, "Cannot edit a message authored by another user"));
        }
        foreach (var field in new[] { "content", "embeds", "flags", "allowed_mentions", "components" })
        {
            if (body[field] is { } value)
            {
                message[field] = value.DeepClone();
            }
        }
        message["edited_timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return (200, message.DeepClone());
    }

    /// <summary>Deletes a message as a moderator would; a later edit of it gets 10008.</summary>
    public void DeleteMessage(ulong channelId, string messageId)
    {
        lock (_lock)
        {
            if (_messages.TryGetValue(channelId, out var list))
            {
                list.RemoveAll(m => (string?)m["id"] == messageId);
            }
        }
    }

    private JsonObject NewMessage(string channelId, JsonObject body, List<RecordedFile>? files = null) => new()
    {
        ["attachments"] = Store(files),
        ["id"] = NewId(),
        ["channel_id"] = channelId,
        ["type"] = 0,
        ["content"] = body["content"]?.DeepClone() ?? "",
        ["embeds"] = body["embeds"]?.DeepClone() ?? new JsonArray(),
        ["nonce"] = body["nonce"]?.DeepClone(),
        ["flags"] = body["flags"]?.DeepClone() ?? 0,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["author"] = new JsonObject { ["id"] = ApplicationId.ToString(CultureInfo.InvariantCulture), ["username"] = "newsbot", ["bot"] = true },
    };

    private (int, JsonNode?) Overwrite(string applicationId, string scope, JsonArray commands)
    {
        if (applicationId != ApplicationId.ToString(CultureInfo.InvariantCulture))
        {
            return (403, Error(50001, "Missing Access"));
        }
        var names = commands.Select(c => c?["name"]?.GetValue<string>()).ToList();
        if (names.Distinct().Count() != names.Count)
        {
            Violation("command overwrite: duplicate command names");
            return (400, Error(50035, "Invalid Form Body", new JsonArray("duplicate names")));
        }
        var stored = new JsonArray();
        foreach (var command in commands.OfType<JsonObject>())
        {
            var copy = (JsonObject)command.DeepClone();
            copy["id"] = NewId();
            copy["application_id"] = applicationId;
            copy["version"] = NewId();
            copy["type"] ??= 1;
            if (scope != "global")
            {
                copy["guild_id"] = scope;
            }
            stored.Add(copy);
        }
        _commands[scope] = stored;
        return (200, stored.DeepClone());
    }

    private (int, JsonNode?) Callback(string interactionId, string token, JsonObject body, List<RecordedFile>? files)
    {
        if (!_interactions.TryGetValue(token, out var interaction) || interaction.Id.ToString(CultureInfo.InvariantCulture) != interactionId)
        {
            return (404, Error(10062, "Unknown interaction"));
        }
        if (interaction.CallbackType is not null)
        {
            return (400, Error(40060, "Interaction has already been acknowledged."));
        }
        interaction.CallbackType = body["type"]?.GetValue<int>();
        interaction.Original = NewMessage("0", body["data"] as JsonObject ?? [], files);
        return (204, null);
    }

    private (int, JsonNode?) Followup(string applicationId, string token, JsonObject body, bool editOriginal, List<RecordedFile>? files)
    {
        if (applicationId != ApplicationId.ToString(CultureInfo.InvariantCulture) || !_interactions.TryGetValue(token, out var interaction))
        {
            return (404, Error(10015, "Unknown Webhook"));
        }
        if (interaction.CallbackType is null)
        {
            return (editOriginal ? 404 : 400, Error(editOriginal ? 10008 : 40060, editOriginal ? "Unknown Message" : "Interaction has not been acknowledged."));
        }
        if (editOriginal)
        {
            foreach (var (name, value) in body)
            {
                interaction.Original![name] = value?.DeepClone();
            }
            return (200, interaction.Original!.DeepClone());
        }
        var message = NewMessage("0", body, files);
        interaction.Followups.Add(message);
        return (200, message.DeepClone());
    }

    private sealed class FakeInteraction(ulong id)
    {
        public ulong Id { get; } = id;
        public int? CallbackType { get; set; }
        public JsonObject? Original { get; set; }
        public List<JsonObject> Followups { get; } = [];
    }
}
