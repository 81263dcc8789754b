using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsBot.Discord;

/// <summary>The serializer settings of Discord's JSON: snake_case names, nulls left out, snowflakes as strings.</summary>
public static class DiscordJson
{
    /// <summary>Shared options; do not mutate.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new SnowflakeConverter());
        options.Converters.Add(new PermissionsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Snowflakes exceed what JavaScript numbers hold, so Discord sends them as strings; every ulong here is one.</summary>
    private sealed class SnowflakeConverter : JsonConverter<ulong>
    {
        public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var n))
            {
                return n;
            }
            if (reader.TokenType == JsonTokenType.String
                && ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                return s;
            }
            throw new JsonException("expected a snowflake (a decimal id in a string)");
        }

        public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Permission sets arrive as strings; command definitions send a number, the form Discord's
    /// OpenAPI spec declares for <c>default_member_permissions</c>.
    /// </summary>
    private sealed class PermissionsConverter : JsonConverter<DiscordPermissions>
    {
        public override DiscordPermissions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var n))
            {
                return (DiscordPermissions)n;
            }
            if (reader.TokenType == JsonTokenType.String
                && ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                return (DiscordPermissions)s;
            }
            throw new JsonException("expected a permission bit set");
        }

        public override void Write(Utf8JsonWriter writer, DiscordPermissions value, JsonSerializerOptions options) =>
            writer.WriteNumberValue((ulong)value);
    }
}
