namespace CareConsole.Core.Agent.Models;

/// <summary>
/// A model provider failed to give a usable answer: it timed out, answered 5xx or 429, or sent something that is
/// not a well-formed reply (unparseable JSON, a tool call whose arguments are not a JSON object). The agent
/// retries once, then serves the turn with the offline model.
/// </summary>
public sealed class ChatProviderException : Exception
{
    public ChatProviderException(string provider, string message, Exception? inner = null)
        : base($"{provider}: {message}", inner) => Provider = provider;

    public ChatProviderException()
        : this("model", "the provider failed")
    {
    }

    public ChatProviderException(string message)
        : this("model", message)
    {
    }

    public ChatProviderException(string message, Exception innerException)
        : this("model", message, innerException)
    {
    }

    /// <summary>Which provider failed ("Gemini", "OpenAI", "Offline").</summary>
    public string Provider { get; } = "model";
}
