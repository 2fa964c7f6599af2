namespace CareConsole.Core.Conversations;

/// <summary>A tool the AI called during a turn: what it asked, what it got, how long it took.</summary>
public sealed class ToolCall
{
    private ToolCall()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public string Name { get; private set; } = "";
    public string ArgumentsJson { get; private set; } = "{}";
    public string ResultJson { get; private set; } = "null";

    /// <summary>Why the call did not run or failed (not offered in this phase, bad arguments, an exception).</summary>
    public string? Error { get; private set; }

    public double DurationMs { get; private set; }

    /// <summary>The provider that asked for the call ("Offline", "Gemini", "OpenAI").</summary>
    public string Model { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static ToolCall Create(string name, string argumentsJson, string resultJson, string? error, TimeSpan duration, string model, DateTimeOffset now) =>
        new()
        {
            Name = name,
            ArgumentsJson = argumentsJson,
            ResultJson = resultJson,
            Error = error,
            DurationMs = duration.TotalMilliseconds,
            Model = model,
            CreatedAt = now,
        };
}
