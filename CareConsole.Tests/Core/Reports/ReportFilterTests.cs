using CareConsole.Core.Conversations;
using CareConsole.Core.Reports;

namespace CareConsole.Tests.Core.Reports;

public sealed class ReportFilterTests
{
    [Fact]
    public void Query_OfEveryField_ReadsBackToTheSameFilter()
    {
        var filter = new ReportFilter(Channel.Voice, Register.Hinglish, OwnerFilter.WithPerson, "agent-7f3a", EscalationReason.NegativeSentiment, 12);

        var query = string.Join("&", filter.ToQuery().Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var read = ReportFilter.FromQuery(ReportPeriodTests.Query(query), out var problem);

        Assert.Equal("channel=voice&language=hinglish&owner=person&agent=agent-7f3a&rule=negativesentiment&tracker=12", query);
        Assert.Null(problem);
        Assert.Equal(filter, read);
    }

    [Fact]
    public void Query_WithNothingSet_IsNoFilter()
    {
        Assert.Empty(ReportFilter.None.ToQuery());
        var read = ReportFilter.FromQuery(ReportPeriodTests.Query("period=7d"), out _);
        Assert.True(read!.IsEmpty);
    }

    [Theory]
    [InlineData("channel=fax", "channel")]
    [InlineData("channel=0", "channel")]
    [InlineData("language=tamil", "language")]
    [InlineData("owner=bot", "owner")]
    [InlineData("rule=1", "rule")]
    [InlineData("tracker=-3", "tracker")]
    [InlineData("tracker=3.5", "tracker")]
    [InlineData("tracker=99999999999", "tracker")]
    public void Query_WithAValueTheDashboardDoesNotOffer_IsRefusedAndNamed(string query, string field)
    {
        var read = ReportFilter.FromQuery(ReportPeriodTests.Query(query), out var problem);

        Assert.Null(read);
        Assert.Equal(field, problem);
    }

    [Fact]
    public void Query_WithAnOverlongAgentId_IsRefused()
    {
        Assert.Null(ReportFilter.FromQuery(ReportPeriodTests.Query("agent=" + new string('a', ReportFilter.MaxAgentIdLength + 1)), out var problem));
        Assert.Equal("agent", problem);
    }
}
