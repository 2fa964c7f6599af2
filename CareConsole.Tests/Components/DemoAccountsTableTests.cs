using Bunit;
using CareConsole.Components.Widget;
using CareConsole.Core.Demo;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Components;

public sealed class DemoAccountsTableTests : MudComponentTest
{
    [Fact]
    public void Render_Accounts_ShowsWhatToSayAndLatestOrdersInWords()
    {
        DemoAccount[] accounts =
        [
            new("9876543210", "Priya Sharma", "400012", "Mumbai",
            [
                new("MM240115", OrderStatus.OutForDelivery),
                new("MM240108", OrderStatus.RefundPending),
                new("MM240101", OrderStatus.Delivered),
                new("MM240094", OrderStatus.Cancelled),
                new("MM240087", OrderStatus.Returned),
            ]),
            new("7012345678", "Imran Khan", "560034", "Bengaluru", [new("MM240122", OrderStatus.InTransit)]),
        ];

        var table = Render<DemoAccountsTable>(p => p.Add(t => t.Accounts, accounts));
        var rows = Rows(table);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["Priya Sharma", "9876543210", "400012", "Mumbai"], rows[0][..4]);
        Assert.Equal("MM240115 out for delivery MM240108 refund pending MM240101 delivered +2 more", rows[0][4]);
        Assert.Equal("MM240122 in transit", rows[1][4]);
        Assert.DoesNotContain("No demo account matches", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoAccounts_SaysNothingMatches()
    {
        var table = Render<DemoAccountsTable>(p => p.Add(t => t.Accounts, []));

        Assert.Empty(Rows(table));
        Assert.Contains("No demo account matches.", table.Find(".mud-typography").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileName_IsShownAsTextNotMarkup()
    {
        DemoAccount[] accounts = [new("9000000000", "<script>alert(1)</script>", "110001", "New Delhi", [])];

        var table = Render<DemoAccountsTable>(p => p.Add(t => t.Accounts, accounts));

        Assert.Empty(table.FindAll("script"));
        Assert.Equal("<script>alert(1)</script>", Rows(table)[0][0]);
    }

    private static List<string[]> Rows(IRenderedComponent<DemoAccountsTable> table) =>
        table.FindAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(Visible).ToArray()).ToList();
}
