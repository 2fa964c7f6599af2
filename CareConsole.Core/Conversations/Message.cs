using CareConsole.Core.Text;

namespace CareConsole.Core.Conversations;

/// <summary>One message in a conversation. Private notes are for staff only and never reach the customer.</summary>
public sealed class Message
{
    private Message()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Author Author { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>
    /// The message's words as transcript search reads them: normalised (<see cref="UnicodeWords"/>), one space apart,
    /// so both engines' full-text indexes see the same words. Null on messages kept from before search existed, until
    /// <see cref="Transcripts.SearchIndexer"/> reaches them.
    /// </summary>
    public string? SearchText { get; private set; }

    /// <summary>The register the message is written in.</summary>
    public Register Register { get; private set; }

    public bool IsPrivateNote { get; private set; }

    /// <summary>For messages and notes from staff: who wrote them (their display name), for the desk's transcript.</summary>
    public string? StaffName { get; private set; }

    /// <summary>The sentiment of a customer message, -1 to 1; null for everyone else's.</summary>
    public double? Sentiment { get; private set; }

    /// <summary>A customer message the AI could not help with: nothing found, or its tools failed.</summary>
    public bool Unanswered { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Help-centre articles an assistant message drew on.</summary>
    public List<Citation> Citations { get; private set; } = [];

    /// <summary>Whether the customer may see it: everything except staff notes.</summary>
    public bool IsCustomerVisible => !IsPrivateNote;

    internal void Score(double sentiment) => Sentiment = sentiment;

    internal void MarkUnanswered() => Unanswered = true;

    /// <summary>The words of <paramref name="text"/> as <see cref="SearchText"/> holds them.</summary>
    public static string SearchWords(string text) => string.Join(' ', UnicodeWords.Placed(text).Select(w => w.Word));

    internal static Message Create(Author author, string text, Register register, DateTimeOffset now) =>
        new() { Author = author, Text = text, SearchText = SearchWords(text), Register = register, CreatedAt = now };

    internal static Message FromStaff(DeskAgent agent, string text, bool privateNote, Register register, DateTimeOffset now) =>
        new() { Author = Author.Agent, Text = text, SearchText = SearchWords(text), Register = register, CreatedAt = now, StaffName = agent.DisplayName, IsPrivateNote = privateNote };
}

/// <summary>A help-centre article an answer is based on, with where to read it.</summary>
public sealed record Citation(string ArticleId, string Title, string Url);
