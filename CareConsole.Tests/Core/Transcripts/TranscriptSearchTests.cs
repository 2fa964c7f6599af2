using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Transcripts;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareConsole.Tests.Core.Transcripts;

/// <summary>
/// Transcript search on the engine the run uses (CI runs both): English, Hindi in Devanagari and Hinglish, words and
/// phrases, all or any, and what a hostile search box receives.
/// </summary>
public sealed class TranscriptSearchTests(TestDatabases databases)
{
    private static readonly DateTimeOffset At = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Words_FindTheConversationsThatHoldThem_InEveryLanguage()
    {
        var (search, ids) = await StoreAsync();

        Assert.Equal([ids.LateRefund], await FindAsync(search, "REFUND"));
        Assert.Equal([ids.Hindi], await FindAsync(search, "रिफंड"));
        // Written with a nukta, found without; and the other way round.
        Assert.Equal([ids.Hindi], await FindAsync(search, "रिफ़ंड"));
        Assert.Equal([ids.Hinglish], await FindAsync(search, "chahiye"));
        Assert.Equal([ids.Accents], await FindAsync(search, "cafe"));
    }

    [Fact]
    public async Task DevanagariWords_AreMatchedWhole_NotByTheirFirstLetters()
    {
        var (search, _) = await StoreAsync();

        // A tokenizer that cut words at vowel signs would find रिफंड from "रि", and नहीं from "न".
        Assert.Empty(await FindAsync(search, "रि"));
        Assert.Empty(await FindAsync(search, "न"));
        Assert.Empty(await FindAsync(search, "आय"));
    }

    [Fact]
    public async Task APhrase_IsItsWordsSideBySide_InOneMessage()
    {
        var (search, ids) = await StoreAsync();

        Assert.Equal([ids.Hinglish], await FindAsync(search, "\"paisa wapas\""));
        // "wapas" and "paisa" are both in the mixed-up conversation, never in that order side by side.
        Assert.Equal(new[] { ids.Hinglish, ids.Mixed }.Order(), (await FindAsync(search, "paisa wapas")).Order());
        Assert.Equal([ids.Hindi], await FindAsync(search, "“रिफंड कब”"));
    }

    [Fact]
    public async Task APhrase_DoesNotRunFromOneMessageIntoTheNext_AndALaterMessageIsFound()
    {
        var (search, ids) = await StoreAsync();

        // The customer's "…returned the kettle" is followed by the assistant's "Let me look that up."
        Assert.Equal([ids.LateRefund], await FindAsync(search, "\"the kettle\""));
        Assert.Empty(await FindAsync(search, "\"kettle let\""));

        // A message written after the conversation was stored is searched at once, its phrase whole, nothing across.
        await using (var db = store!.NewContext())
        {
            var hindi = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Id == ids.Hindi, Ct);
            hindi.ReceiveFromCustomer("order number MM240815 hai", Register.Hinglish, 0, At.AddMinutes(5));
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal([ids.Hindi], await FindAsync(search, "\"number mm240815\""));
        Assert.Equal([ids.Hindi], await FindAsync(search, "रिफंड mm240815"));
        Assert.Empty(await FindAsync(search, "\"आया order\""));
    }

    [Fact]
    public async Task All_NeedsEveryTermSomewhereInTheConversation_AnyNeedsOne()
    {
        var (search, ids) = await StoreAsync();

        // "late" is in the customer's second message, "refund" in the first.
        Assert.Equal([ids.LateRefund], await FindAsync(search, "refund late"));
        Assert.Empty(await FindAsync(search, "refund paisa"));
        Assert.Equal(new[] { ids.LateRefund, ids.Hinglish, ids.Mixed }.Order(), (await FindAsync(search, "refund paisa", SearchMatch.Any)).Order());
    }

    [Fact]
    public async Task PrivateNotesAndAgentsReplies_AreSearchedToo()
    {
        var (search, ids) = await StoreAsync();

        Assert.Equal([ids.LateRefund], await FindAsync(search, "goodwill"));
        Assert.Equal([ids.LateRefund], await FindAsync(search, "\"courier partner\""));
    }

    [Theory]
    [InlineData("\" OR 1=1 --", false)]
    [InlineData("refund' OR '1'='1", true)]
    [InlineData("NEAR(refund late) AND NOT *", true)]
    [InlineData("refund:* & !late | (", true)]
    [InlineData("<script>alert(1)</script>", false)]
    public async Task HostileSearches_AreReadAsWords_AndNeverAsTheEnginesSyntax(string text, bool findsTheRefund)
    {
        var (search, ids) = await StoreAsync();

        // Operators of FTS5, tsquery and SQL are only words here: "or", "near", "not" are in no message, "refund" is.
        Assert.Equal(findsTheRefund ? [ids.LateRefund] : [], await FindAsync(search, text, SearchMatch.Any));
    }

    [Fact]
    public void EmptyOrOversizedSearches_AreRefusedWithAReason()
    {
        Assert.Null(TranscriptQuery.Parse("   ", SearchMatch.All, out var empty));
        Assert.NotNull(empty);
        Assert.Null(TranscriptQuery.Parse("!!! ???", SearchMatch.All, out var punctuation));
        Assert.NotNull(punctuation);
        Assert.Null(TranscriptQuery.Parse("\"\"\"", SearchMatch.All, out var quotes));
        Assert.NotNull(quotes);
        Assert.Null(TranscriptQuery.Parse(new string('a', TranscriptQuery.MaxLength + 1), SearchMatch.All, out var tooLong));
        Assert.Contains(TranscriptQuery.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), tooLong, StringComparison.Ordinal);
        Assert.Null(TranscriptQuery.Parse(string.Join(' ', Enumerable.Range(0, TranscriptQuery.MaxTerms + 1).Select(i => $"w{i}")), SearchMatch.All, out var tooMany));
        Assert.NotNull(tooMany);
    }

    [Fact]
    public async Task MessagesKeptFromBeforeSearch_AreFoundOnceTheIndexerHasReachedThem()
    {
        var (search, _) = await StoreAsync();
        var old = Conversation.Start(Channel.Web, LanguagePreference.Auto, "h", At);
        old.ReceiveFromCustomer("the parcel never arrived", Register.English, -0.4, At);
        await using (var db = store!.NewContext())
        {
            db.Conversations.Add(old);
            await db.SaveChangesAsync(Ct);
            // As a database upgraded from before search holds it: the words not yet worked out.
            await db.Messages.Where(m => m.ConversationId == old.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SearchText, (string?)null), Ct);
        }
        Assert.Empty(await FindAsync(search, "parcel"));

        var services = new ServiceCollection().AddLogging().AddSingleton(store.ContextFactory(_ => { })).BuildServiceProvider();
        var indexer = new SearchIndexer(services);
        Assert.Equal(1, await indexer.IndexBatchAsync(Ct));
        Assert.Equal(0, await indexer.IndexBatchAsync(Ct));

        Assert.Equal([old.Id], await FindAsync(search, "parcel"));
    }

    [Fact]
    public async Task Snippets_ShowTheFirstMatchingMessage_WithTheWordsMarked()
    {
        var (search, ids) = await StoreAsync();
        var query = TranscriptQuery.Parse("refund", SearchMatch.All, out _)!;

        var snippets = await search.SnippetsAsync(query, [ids.LateRefund, ids.Hinglish], Ct);

        var parts = Assert.Single(snippets).Value;
        Assert.Equal(["Refund"], parts.Where(p => p.Matched).Select(p => p.Text));
        Assert.Equal("Where is my Refund? I returned the kettle", string.Concat(parts.Select(p => p.Text)));
    }

    [Fact]
    public void ALongMessage_IsCutAroundItsMatch_OnWordBoundaries()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler", 40)) + " the refund never came " + string.Join(' ', Enumerable.Repeat("padding", 40));
        var parts = TranscriptSearch.Snippet(TranscriptQuery.Parse("refund", SearchMatch.All, out _)!, text)!;

        Assert.Equal("…", parts[0].Text);
        Assert.Equal("…", parts[^1].Text);
        var shown = string.Concat(parts.Skip(1).SkipLast(1).Select(p => p.Text));
        Assert.Contains("the refund never came", shown, StringComparison.Ordinal);
        Assert.All(shown.Trim().Split(' '), word => Assert.Contains(word, SnippetWords));
    }

    private static readonly string[] SnippetWords = ["filler", "padding", "the", "refund", "never", "came"];

    private TestStore? store;

    private async Task<(TranscriptSearch Search, Ids Ids)> StoreAsync()
    {
        store = await databases.CreateAsync();
        var agent = new DeskAgent("agent-1", "Asha");
        var lateRefund = Conversation.Start(Channel.Web, LanguagePreference.Auto, "h", At);
        lateRefund.ReceiveFromCustomer("Where is my Refund? I returned the kettle", Register.English, -0.3, At);
        lateRefund.ReplyAsAssistant("Let me look that up.", [], At);
        lateRefund.ReceiveFromCustomer("It is very late now", Register.English, -0.6, At);
        lateRefund.HandOffToHuman(EscalationReason.CustomerRequest, "asked", "summary", EscalationPriority.Normal, At);
        lateRefund.TakeOver(agent, "joined", At);
        lateRefund.AddPrivateNote(agent, "Offer a goodwill voucher", At);
        lateRefund.ReplyAsAgent(agent, "Our courier partner has it; sorry for the wait.", [], At);

        var hindi = Conversation.Start(Channel.Web, LanguagePreference.Auto, "h", At);
        hindi.ReceiveFromCustomer("मेरा रिफ़ंड कब आएगा? अभी तक नहीं आया।", Register.Hindi, -0.5, At);

        var hinglish = Conversation.Start(Channel.Voice, LanguagePreference.Auto, "h", At);
        hinglish.ReceiveFromCustomer("mujhe paisa wapas chahiye", Register.Hinglish, -0.2, At);

        var mixed = Conversation.Start(Channel.Web, LanguagePreference.Auto, "h", At);
        mixed.ReceiveFromCustomer("wapas bhejna hai, paisa baad mein", Register.Hinglish, 0, At);

        var accents = Conversation.Start(Channel.Web, LanguagePreference.Auto, "h", At);
        accents.ReceiveFromCustomer("The Café order was cold", Register.English, -0.1, At);

        await using (var db = store.NewContext())
        {
            await db.Database.MigrateAsync(Ct);
            db.Conversations.AddRange(lateRefund, hindi, hinglish, mixed, accents);
            await db.SaveChangesAsync(Ct);
        }
        return (new TranscriptSearch(store.ContextFactory(_ => { })), new Ids(lateRefund.Id, hindi.Id, hinglish.Id, mixed.Id, accents.Id));
    }

    private static async Task<IReadOnlyList<Guid>> FindAsync(TranscriptSearch search, string text, SearchMatch match = SearchMatch.All)
    {
        var query = TranscriptQuery.Parse(text, match, out var problem) ?? throw new InvalidOperationException(problem);
        return [.. await search.ConversationsAsync(query, Ct)];
    }

    private sealed record Ids(Guid LateRefund, Guid Hindi, Guid Hinglish, Guid Mixed, Guid Accents);
}
