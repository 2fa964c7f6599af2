using System.Data.Common;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Verification;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Verification;

public sealed class IdentityVerifierTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_RegisteredAndUnknownNumbers_RunTheSameStatements()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[30];
        var verifier = new IdentityVerifier(new VerificationSettings());

        var registered = await StatementsAsync(verifier, customer.Phone, Start);
        var unknown = await StatementsAsync(verifier, "9000012345", Start);

        // The same statements in the same order: nothing in the work done, so nothing in its timing, tells them apart.
        Assert.NotEmpty(registered);
        Assert.Equal(registered, unknown);
    }

    [Fact]
    public async Task CheckAsync_LockOfANumber_EndsAfterTheLockDuration()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[31];
        var verifier = new IdentityVerifier(new VerificationSettings { Window = TimeSpan.FromHours(1), LockDuration = TimeSpan.FromHours(1) });
        for (var i = 0; i < 5; i++)
        {
            await CheckAsync(verifier, customer.Phone, "110001", TestClients.Next(), Start.AddMinutes(i));
        }

        var during = await CheckAsync(verifier, customer.Phone, customer.Pincode, TestClients.Next(), Start.AddMinutes(63));
        var after = await CheckAsync(verifier, customer.Phone, customer.Pincode, TestClients.Next(), Start.AddMinutes(65));

        Assert.False(during.Compared);
        Assert.Equal(Start.AddMinutes(4) + TimeSpan.FromHours(1), during.LockedUntil);
        Assert.True(after.Compared);
        Assert.Equal(customer.Id, after.CustomerId);
    }

    [Fact]
    public async Task CheckAsync_FailuresOutsideTheWindow_DoNotCount()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[32];
        var verifier = new IdentityVerifier(new VerificationSettings { MaxFailuresPerNumber = 3, Window = TimeSpan.FromMinutes(10) });
        await CheckAsync(verifier, customer.Phone, "110001", TestClients.Next(), Start);
        await CheckAsync(verifier, customer.Phone, "110002", TestClients.Next(), Start.AddMinutes(1));

        var third = await CheckAsync(verifier, customer.Phone, "110003", TestClients.Next(), Start.AddMinutes(20));

        Assert.True(third.Compared);
        Assert.Null(third.LockedUntil);
    }

    [Fact]
    public async Task CheckAsync_LimitPerClientReached_LocksThatClientOnly()
    {
        var customers = await DemoDatabase.CustomersAsync(app.Factory, Ct);
        var verifier = new IdentityVerifier(new VerificationSettings { MaxFailuresPerClient = 3 });
        var attacker = TestClients.Next();
        for (var i = 0; i < 3; i++)
        {
            await CheckAsync(verifier, customers[33 + i].Phone, "110001", attacker, Start.AddSeconds(i));
        }

        var fromAttacker = await CheckAsync(verifier, customers[36].Phone, customers[36].Pincode, attacker, Start.AddMinutes(1));
        var fromElsewhere = await CheckAsync(verifier, customers[36].Phone, customers[36].Pincode, TestClients.Next(), Start.AddMinutes(1));

        Assert.False(fromAttacker.Compared);
        Assert.Equal(customers[36].Id, fromElsewhere.CustomerId);
    }

    private async Task<VerificationDecision> CheckAsync(IdentityVerifier verifier, string phone, string pincode, ClientKey client, DateTimeOffset now)
    {
        var conversation = await NewConversationAsync();
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);
        return await verifier.CheckAsync(db, conversation, phone, pincode, client, now, Ct);
    }

    /// <summary>The statements one failed check runs, parameters left out (their values differ by design).</summary>
    private async Task<List<string>> StatementsAsync(IdentityVerifier verifier, string phone, DateTimeOffset now)
    {
        var conversation = await NewConversationAsync();
        var recorder = new StatementRecorder();
        await using var db = app.Factory.Store.NewContext(options => options.AddInterceptors(recorder));
        await db.Database.OpenConnectionAsync(Ct);
        recorder.Statements.Clear();
        var decision = await verifier.CheckAsync(db, conversation, phone, "560099", TestClients.Next(), now, Ct);
        Assert.True(decision.Compared);
        Assert.Null(decision.CustomerId);
        return recorder.Statements;
    }

    private async Task<Conversation> NewConversationAsync()
    {
        var started = await app.Factory.Services.GetRequiredService<ConversationService>().StartAsync(Channel.Api, LanguagePreference.Auto, Ct);
        return await DemoDatabase.ConversationAsync(app.Factory, started.Id, Ct);
    }

    private sealed class StatementRecorder : DbCommandInterceptor
    {
        public List<string> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Statements.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Statements.Add(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Statements.Add(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
