namespace NewsBot.Feeds.Fetching;

/// <summary>A fetch that must stop (refused address, body over the cap, bad encoding); the message is the one line the user sees.</summary>
internal sealed class FetchFailure(string message) : Exception(message);
