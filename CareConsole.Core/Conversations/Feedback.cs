namespace CareConsole.Core.Conversations;

/// <summary>The customer's rating of the conversation (CSAT), 1 to 5, with an optional comment.</summary>
public sealed record Feedback(int Rating, string? Comment, DateTimeOffset RatedAt);
