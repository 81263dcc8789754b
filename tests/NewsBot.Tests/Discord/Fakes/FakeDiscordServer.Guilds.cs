using System.Globalization;
using System.Text.Json.Nodes;

namespace NewsBot.Tests.Discord.Fakes;

/// <summary>GET /guilds/{id} and /guilds/{id}/members/{user}: the bot's own view of who holds which permissions.</summary>
public sealed partial class FakeDiscordServer
{
    private readonly Dictionary<ulong, JsonObject> _guilds = [];
    private readonly Dictionary<(ulong Guild, ulong User), JsonObject> _members = [];

    /// <param name="roles">Role ids and their permission bits; the role whose id is the guild's is @everyone.</param>
    public void AddGuild(ulong id, ulong ownerId, params (ulong Role, ulong Permissions)[] roles)
    {
        lock (_lock)
        {
            _guilds[id] = new JsonObject
            {
                ["id"] = Id(id),
                ["name"] = "guild-" + id,
                ["owner_id"] = Id(ownerId),
                ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = Id(r.Role),
                    ["name"] = r.Role == id ? "@everyone" : "role-" + r.Role,
                    ["permissions"] = r.Permissions.ToString(CultureInfo.InvariantCulture),
                })]),
            };
        }
    }

    public void AddMember(ulong guild, ulong user, params ulong[] roles)
    {
        lock (_lock)
        {
            _members[(guild, user)] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = Id(user), ["username"] = "user" + user },
                ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)Id(r))]),
                ["joined_at"] = "2026-01-01T00:00:00.000000+00:00",
            };
        }
    }

    private (int, JsonNode?) Guild(string id) =>
        _guilds.TryGetValue(ulong.Parse(id, CultureInfo.InvariantCulture), out var g) ? (200, g.DeepClone()) : (404, Error(10004, "Unknown Guild"));

    private (int, JsonNode?) Member(string guild, string user) =>
        _members.TryGetValue((ulong.Parse(guild, CultureInfo.InvariantCulture), ulong.Parse(user, CultureInfo.InvariantCulture)), out var m)
            ? (200, m.DeepClone())
            : (404, Error(10007, "Unknown Member"));
}
