namespace NewsBot.Hosting;

/// <summary>What a test (or an embedding program) changes about the host: settings, services, where output goes.</summary>
public sealed class HostOverrides
{
    public Dictionary<string, string?> Settings { get; init; } = [];
    public Action<IServiceCollection>? Services { get; init; }
    public TextWriter? Stdout { get; init; }
    public TextWriter? Stderr { get; init; }
}
