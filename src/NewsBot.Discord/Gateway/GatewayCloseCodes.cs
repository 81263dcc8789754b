namespace NewsBot.Discord.Gateway;

/// <summary>What a close code from the gateway means for the next connection.</summary>
internal enum CloseAction
{
    /// <summary>Reconnect and resume the session if there is one.</summary>
    Resume,
    /// <summary>Reconnect with a fresh identify; the session is gone.</summary>
    Identify,
    /// <summary>Stop: reconnecting would fail the same way.</summary>
    Stop,
}

internal static class GatewayCloseCodes
{
    /// <summary>The code this client closes with when it wants to resume: anything but 1000/1001 keeps the session.</summary>
    public const int ClientReconnect = 4900;

    public static CloseAction Classify(int? code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => CloseAction.Stop,
        4007 or 4009 => CloseAction.Identify,
        _ => CloseAction.Resume,
    };

    public static string Describe(int? code) => code switch
    {
        null => "the connection dropped without a close code",
        4000 => "4000 unknown error",
        4001 => "4001 unknown opcode",
        4002 => "4002 decode error",
        4003 => "4003 not authenticated",
        4004 => "4004 authentication failed: Discord:BotToken is wrong or was reset",
        4005 => "4005 already authenticated",
        4007 => "4007 invalid seq",
        4008 => "4008 rate limited",
        4009 => "4009 session timed out",
        4010 => "4010 invalid shard: check Discord:ShardIds against Discord:ShardCount",
        4011 => "4011 sharding required: set Discord:ShardCount or leave it empty to use Discord's recommendation",
        4012 => "4012 invalid API version",
        4013 => "4013 invalid intents",
        4014 => "4014 disallowed intents: enable them in the developer portal or stop asking for them",
        _ => $"{code}",
    };
}
