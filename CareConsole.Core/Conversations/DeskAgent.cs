namespace CareConsole.Core.Conversations;

/// <summary>A signed-in member of staff acting on a conversation from the desk.</summary>
/// <param name="Id">The staff account's id, recorded with everything they do.</param>
/// <param name="DisplayName">Their name as colleagues see it; customers see only the first name.</param>
public sealed record DeskAgent(string Id, string DisplayName)
{
    public string FirstName => DisplayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : DisplayName;
}

/// <summary>Another agent already handles the conversation; only they may act on it until they hand it back.</summary>
public sealed class ConversationTakenException(Guid conversationId, string ownerName)
    : Exception($"Conversation {conversationId} is handled by {ownerName}.")
{
    public string OwnerName => ownerName;
}
