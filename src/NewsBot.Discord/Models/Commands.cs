namespace NewsBot.Discord;

/// <summary>Option types of slash commands.</summary>
#pragma warning disable CA1720 // the member names are Discord's own
public enum CommandOptionType
{
    /// <summary>A subcommand.</summary>
    SubCommand = 1,
    /// <summary>A group of subcommands.</summary>
    SubCommandGroup = 2,
    /// <summary>Text.</summary>
    String = 3,
    /// <summary>Whole number.</summary>
    Integer = 4,
    /// <summary>True/false.</summary>
    Boolean = 5,
    /// <summary>A user.</summary>
    User = 6,
    /// <summary>A channel.</summary>
    Channel = 7,
    /// <summary>A role.</summary>
    Role = 8,
    /// <summary>A double.</summary>
    Number = 10,
    /// <summary>A file the user uploads with the command.</summary>
    Attachment = 11,
}
#pragma warning restore CA1720

/// <summary>A slash command definition, as sent in a bulk overwrite and returned by it.</summary>
public sealed class ApplicationCommand
{
    /// <summary>Id assigned by Discord (responses only).</summary>
    public ulong? Id { get; set; }
    /// <summary>1 = slash command.</summary>
    public int? Type { get; set; } = 1;
    /// <summary>Lower-case name, 1–32 characters.</summary>
    public required string Name { get; set; }
    /// <summary>Names per locale ("de", "pt-BR", …).</summary>
    public Dictionary<string, string>? NameLocalizations { get; set; }
    /// <summary>1–100 characters.</summary>
    public required string Description { get; set; }
    /// <summary>Descriptions per locale.</summary>
    public Dictionary<string, string>? DescriptionLocalizations { get; set; }
    /// <summary>Up to 25 options.</summary>
    public List<CommandOption>? Options { get; set; }
    /// <summary>Who may use it by default; <see cref="DiscordPermissions.ManageGuild"/> makes it admin-only.</summary>
    public DiscordPermissions? DefaultMemberPermissions { get; set; }
    /// <summary>Where it can be used: 0 guild, 1 bot DM, 2 private channel.</summary>
    public List<int>? Contexts { get; set; }
}

/// <summary>An option of a command or subcommand.</summary>
public sealed class CommandOption
{
    /// <summary>Kind of value.</summary>
    public CommandOptionType Type { get; set; }
    /// <summary>Lower-case name, 1–32 characters.</summary>
    public required string Name { get; set; }
    /// <summary>Names per locale.</summary>
    public Dictionary<string, string>? NameLocalizations { get; set; }
    /// <summary>1–100 characters.</summary>
    public required string Description { get; set; }
    /// <summary>Descriptions per locale.</summary>
    public Dictionary<string, string>? DescriptionLocalizations { get; set; }
    /// <summary>Must be given.</summary>
    public bool? Required { get; set; }
    /// <summary>Fixed choices (at most 25).</summary>
    public List<CommandChoice>? Choices { get; set; }
    /// <summary>Ask the bot for choices while typing (string, integer, number).</summary>
    public bool? Autocomplete { get; set; }
    /// <summary>Options of a subcommand or group.</summary>
    public List<CommandOption>? Options { get; set; }
    /// <summary>Channel types offered by a channel option (0 text, 5 announcement, 11/12 threads, 15 forum).</summary>
    public List<int>? ChannelTypes { get; set; }
    /// <summary>Minimum of integer/number options.</summary>
    public double? MinValue { get; set; }
    /// <summary>Maximum of integer/number options.</summary>
    public double? MaxValue { get; set; }
    /// <summary>Minimum length of string options.</summary>
    public int? MinLength { get; set; }
    /// <summary>Maximum length of string options.</summary>
    public int? MaxLength { get; set; }
}

/// <summary>A choice of an option or an autocomplete answer.</summary>
public sealed class CommandChoice
{
    /// <summary>Shown name, 1–100 characters.</summary>
    public required string Name { get; set; }
    /// <summary>Names per locale.</summary>
    public Dictionary<string, string>? NameLocalizations { get; set; }
    /// <summary>The value: a string (≤ 100 characters) or a number.</summary>
    public required object Value { get; set; }
}
