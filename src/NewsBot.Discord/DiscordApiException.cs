using System.Net;

namespace NewsBot.Discord;

/// <summary>A request Discord refused, with its HTTP status and Discord's JSON error code.</summary>
public sealed class DiscordApiException : Exception
{
    /// <summary>10003: the channel does not exist (or the bot cannot see it).</summary>
    public const int UnknownChannel = 10003;
    /// <summary>10008: the message does not exist.</summary>
    public const int UnknownMessage = 10008;
    /// <summary>10062: the interaction is unknown or its 3 s window passed.</summary>
    public const int UnknownInteraction = 10062;
    /// <summary>50001: the bot has no access to the resource.</summary>
    public const int MissingAccess = 50001;
    /// <summary>50013: the bot lacks a permission.</summary>
    public const int MissingPermissions = 50013;
    /// <summary>50035: the request body failed validation.</summary>
    public const int InvalidFormBody = 50035;
    /// <summary>40060: the interaction was already answered.</summary>
    public const int InteractionAlreadyAcknowledged = 40060;

    /// <summary>Creates the exception.</summary>
    public DiscordApiException(HttpStatusCode httpStatus, int code, string message, string route, string? errors = null, bool fromEarlierFailure = false)
        : base(Describe(httpStatus, code, message, route, fromEarlierFailure))
    {
        HttpStatus = httpStatus;
        Code = code;
        DiscordMessage = message;
        Route = route;
        Errors = errors;
        FromEarlierFailure = fromEarlierFailure;
    }

    /// <summary>The HTTP status Discord answered.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>Discord's JSON error code; 0 when the body had none.</summary>
    public int Code { get; }

    /// <summary>Discord's own message text.</summary>
    public string DiscordMessage { get; }

    /// <summary>The request, as "METHOD /path" (tokens left out).</summary>
    public string Route { get; }

    /// <summary>The raw <c>errors</c> object of a 50035, for logs.</summary>
    public string? Errors { get; }

    /// <summary>
    /// True when the client refused to send because this channel (or the token) failed before;
    /// nothing went over the network.
    /// </summary>
    public bool FromEarlierFailure { get; }

    /// <summary>True when the failure is about the channel itself: the bot should pause it rather than retry.</summary>
    public bool IsChannelUnusable =>
        HttpStatus is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
        || (HttpStatus == HttpStatusCode.NotFound && Code is UnknownChannel or 0);

    private static string Describe(HttpStatusCode status, int code, string message, string route, bool earlier)
    {
        var text = $"Discord answered {(int)status} (code {code}: {message}) to {route}";
        return earlier ? "Not sent, because earlier " + char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
