using System.Text.Json.Nodes;
using NJsonSchema;

namespace NewsBot.Tests.Discord.Fakes;

/// <summary>
/// Request-body schemas from Discord's own OpenAPI spec (../shared/discord/openapi.json), rewritten
/// for NJsonSchema: <c>const</c> becomes a one-value <c>enum</c> and component refs move to <c>#/definitions/</c>.
/// </summary>
public static class DiscordSpec
{
    /// <summary>Schema of <c>POST /channels/{id}/messages</c>.</summary>
    public const string MessageCreate = "MessageCreateRequest";
    /// <summary>Schema of a command bulk overwrite (an array of command definitions).</summary>
    public const string CommandOverwrite = "NewsBotCommandOverwrite";
    /// <summary>Schema of an interaction callback.</summary>
    public const string InteractionCallback = "NewsBotInteractionCallback";
    /// <summary>Schema of an interaction follow-up.</summary>
    public const string WebhookMessage = "IncomingWebhookRequestPartial";
    /// <summary>Schema of a forum post (a thread started with its first message).</summary>
    public const string ForumThreadCreate = "CreateForumThreadRequest";
    /// <summary>Schema of an edit of the original reply.</summary>
    public const string WebhookMessageEdit = "IncomingWebhookUpdateRequestPartial";
    /// <summary>Schema of <c>PATCH /channels/{id}/messages/{id}</c>.</summary>
    public const string MessageEdit = "MessageEditRequestPartial";

    private static readonly Lazy<Task<JsonSchema?>> Document = new(LoadAsync);

    /// <summary>Where the spec is looked for.</summary>
    public static string? SpecPath { get; } = FindSpec();

    /// <summary>Null when the spec is there; otherwise the reason the spec check is skipped.</summary>
    public static string? SkipReason => SpecPath is null
        ? "Discord spec check skipped: ../shared/discord/openapi.json is not beside this repository."
        : null;

    /// <summary>Validates <paramref name="json"/> against a named schema; empty when valid or when the spec is absent.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string schemaName, string json)
    {
        var document = await Document.Value;
        if (document is null)
        {
            return [];
        }
        if (!document.Definitions.TryGetValue(schemaName, out var schema))
        {
            throw new ArgumentException($"The spec has no schema {schemaName}.", nameof(schemaName));
        }
        return schema.Validate(json).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }

    private static async Task<JsonSchema?> LoadAsync()
    {
        if (SpecPath is null)
        {
            return null;
        }
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(SpecPath))!;
        var schemas = spec["components"]!["schemas"]!.AsObject();
        Rewrite(schemas);
        schemas[CommandOverwrite] = new JsonObject
        {
            ["type"] = "array",
            ["maxItems"] = 130,
            ["items"] = new JsonObject { ["$ref"] = "#/definitions/ApplicationCommandUpdateRequest" },
        };
        var callback = spec["paths"]!["/interactions/{interaction_id}/{interaction_token}/callback"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.DeepClone();
        Rewrite(callback);
        schemas[InteractionCallback] = callback;
        var root = new JsonObject { ["definitions"] = spec["components"]!["schemas"]!.DeepClone() };
        return await JsonSchema.FromJsonAsync(root.ToJsonString());
    }

    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } constant)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant.DeepClone());
                }
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is var target
                    && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + target["#/components/schemas/".Length..];
                }
                foreach (var (_, child) in obj.ToList())
                {
                    Rewrite(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rewrite(child);
                }
                break;
        }
    }

    private static string? FindSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsBot.sln")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "discord", "openapi.json");
                return File.Exists(path) ? Path.GetFullPath(path) : null;
            }
        }
        return null;
    }
}
