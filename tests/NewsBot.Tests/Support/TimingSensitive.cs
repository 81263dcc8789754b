namespace NewsBot.Tests.Support;

/// <summary>
/// Tests that measure protocol timing (rate-limit windows, heartbeat pacing) run alone, not beside the end-to-end
/// hosts that load both cores; their assertions stay as strict as they are.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive protocol tests";
}
