using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Escalations;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Conversations;

/// <summary>
/// Messages a run stored and never answered (the process died mid-turn) are answered by the next run at start, or
/// handed to a person when that is what the turn decides; a conversation a person has is left to the person.
/// </summary>
public sealed class UnansweredMessagesTests(TestDatabases databases)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_MessagesLeftUnanswered_AreAnsweredOrHandedToAPerson()
    {
        var store = await databases.CreateAsync();
        Guid question, person, withAgent;
        await using (var crashed = Start(store))
        {
            var conversations = crashed.Services.GetRequiredService<ConversationService>();
            question = await StoreWithoutAnswerAsync(crashed, "how long do refunds take for UPI?");
            person = await StoreWithoutAnswerAsync(crashed, "I want to talk to a human");
            withAgent = await StoreWithoutAnswerAsync(crashed, "are you still there?", handedOver: true);
            Assert.Equal(new[] { question, person }.Order(), (await conversations.UnansweredAsync(Ct)).Order());
        }

        await using var restarted = Start(store);

        // Answered: the last word is the assistant's, after the question (the greeting came before it).
        var answered = await WaitForAsync(restarted, question, c => c.Messages.MaxBy(m => m.Id)!.Author == Author.Assistant);
        var handedOver = await WaitForAsync(restarted, person, c => c.Owner == ConversationOwner.Human);
        Assert.Contains("UPI", answered.Messages.MaxBy(m => m.Id)!.Text, StringComparison.Ordinal);
        Assert.Equal(EscalationReason.CustomerRequest, Assert.Single(handedOver.Escalations).Reason);
        // The person who has the third one answers it; the AI keeps out.
        var untouched = await DemoDatabase.ConversationAsync(restarted, withAgent, Ct);
        Assert.Equal(Author.Customer, untouched.Messages.Where(m => m.Author != Author.System).MaxBy(m => m.Id)!.Author);
        Assert.Empty(await restarted.Services.GetRequiredService<ConversationService>().UnansweredAsync(Ct));
    }

    private static CareConsoleFactory Start(TestStore store) => CareConsoleFactory.Start(store, demo: false);

    /// <summary>A conversation whose last customer message is stored as its turn stores it, and nothing after: as a kill leaves it.</summary>
    private static async Task<Guid> StoreWithoutAnswerAsync(CareConsoleFactory app, string text, bool handedOver = false)
    {
        var id = (await app.Services.GetRequiredService<ConversationService>().StartAsync(Channel.Api, LanguagePreference.Auto, Ct)).Id;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);
        var conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Id == id, Ct);
        if (handedOver)
        {
            conversation.HandOffToHuman(EscalationReason.CustomerRequest, "asked", "wants a person", EscalationPriority.Normal, DateTimeOffset.UtcNow);
        }
        conversation.ReceiveFromCustomer(text, Register.English, 0, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
        return id;
    }

    private static async Task<Conversation> WaitForAsync(CareConsoleFactory app, Guid id, Func<Conversation, bool> done)
    {
        Conversation? conversation = null;
        await Poll.UntilAsync(async timeout => done(conversation = await DemoDatabase.ConversationAsync(app, id, timeout)), Patience);
        return conversation!;
    }
}
