using System.Globalization;
using System.Text.Json.Nodes;

namespace NewsBot.Tests.Discord.Fakes;

/// <summary>Forum channels: a post starts a public thread whose starter message shares its id, as on Discord.</summary>
public sealed partial class FakeDiscordServer
{
    /// <summary>Starts a thread in a forum directly, as a person (or an earlier send whose answer was lost) would have.</summary>
    public ulong StartThread(ulong forumId, string name, ulong ownerId)
    {
        lock (_lock)
        {
            var thread = NewThread(_channels[forumId], name, ownerId);
            return ulong.Parse((string)thread["id"]!, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The threads started in a forum, oldest first.</summary>
    public IReadOnlyList<JsonObject> ThreadsIn(ulong forumId)
    {
        lock (_lock)
        {
            var parent = Id(forumId);
            return [.. _channels.Values.Where(c => (string?)c["parent_id"] == parent && (int)c["type"]! == 11).Select(c => (JsonObject)c.DeepClone())];
        }
    }

    /// <summary>The tags a forum offers its posts, as an admin set them up.</summary>
    public void SetForumTags(ulong forumId, params (string Id, string Name)[] tags)
    {
        lock (_lock)
        {
            _channels[forumId]["available_tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["name"] = t.Name,
                ["moderated"] = false,
                ["emoji_id"] = null,
                ["emoji_name"] = null,
            })]);
        }
    }

    private (int, JsonNode?) CreateForumPost(ulong forumId, JsonObject body)
    {
        if (!_channels.TryGetValue(forumId, out var forum))
        {
            return (404, Error(10003, "Unknown Channel"));
        }
        if ((int)forum["type"]! is not (15 or 16))
        {
            return (400, Error(50024, "Cannot execute action on this channel type"));
        }
        var known = (forum["available_tags"] as JsonArray ?? []).Select(t => (string?)t?["id"]).ToHashSet();
        var applied = (body["applied_tags"] as JsonArray ?? []).Select(t => (string?)t).ToList();
        if (applied.Count > 5 || applied.Any(t => !known.Contains(t)))
        {
            return (400, Error(50035, "Invalid Form Body", new JsonArray("applied_tags: unknown tag or more than 5")));
        }
        var thread = NewThread(forum, (string)body["name"]!, ApplicationId);
        thread["applied_tags"] = new JsonArray([.. applied.Select(t => (JsonNode)JsonValue.Create(t)!)]);
        var threadId = (string)thread["id"]!;
        var message = NewMessage(threadId, body["message"]!.AsObject());
        message["id"] = threadId;
        _messages[ulong.Parse(threadId, CultureInfo.InvariantCulture)] = [message];
        var answer = (JsonObject)thread.DeepClone();
        answer["message"] = message.DeepClone();
        return (201, answer);
    }

    private JsonObject NewThread(JsonObject forum, string name, ulong ownerId)
    {
        var id = NewId();
        var thread = new JsonObject
        {
            ["id"] = id,
            ["type"] = 11,
            ["guild_id"] = forum["guild_id"]?.DeepClone(),
            ["parent_id"] = forum["id"]!.DeepClone(),
            ["name"] = name,
            ["owner_id"] = Id(ownerId),
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["auto_archive_duration"] = 4320,
                ["archive_timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["locked"] = false,
            },
        };
        _channels[ulong.Parse(id, CultureInfo.InvariantCulture)] = thread;
        return thread;
    }

    private JsonObject ActiveThreads(string guildId) => new()
    {
        ["threads"] = new JsonArray([.. _channels.Values
            .Where(c => (string?)c["guild_id"] == guildId && (int)c["type"]! is 11 or 12 && c["thread_metadata"]?["archived"]?.GetValue<bool>() == false)
            .Select(c => c.DeepClone())]),
        ["members"] = new JsonArray(),
    };
}
