using CareConsole.Core.Conversations;

namespace CareConsole.Components.Widget;

/// <summary>One message as the chat shows it.</summary>
public sealed record ChatLine(long Key, Author Author, string Text, IReadOnlyList<Citation> Citations, bool IsHindi)
{
    public static ChatLine From(TranscriptMessage message) =>
        new(message.Id, message.Author, message.Text, message.Citations, message.Text.Any(c => c is >= '\u0900' and <= '\u097F'));
}
