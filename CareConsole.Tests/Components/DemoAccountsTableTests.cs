using CareConsole.Components.Widget;
using CareConsole.Core.Demo;
using CareConsole.Core.Orders;

namespace CareConsole.Tests.Components;

public sealed class DemoAccountsTableTests
{
    [Fact]
    public async Task Render_Accounts_ShowsWhatToSayAndLatestOrdersInWords()
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

        var html = await ComponentHtml.RenderAsync<DemoAccountsTable>(new Dictionary<string, object?> { ["Accounts"] = accounts });
        var rows = ComponentHtml.BodyRows(html);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["Priya Sharma", "9876543210", "400012", "Mumbai"], rows[0][..4]);
        Assert.Equal("MM240115 out for delivery MM240108 refund pending MM240101 delivered +2 more", rows[0][4]);
        Assert.Equal("MM240122 in transit", rows[1][4]);
        Assert.DoesNotContain("No demo account matches", ComponentHtml.Text(html));
    }

    [Fact]
    public async Task Render_NoAccounts_SaysNothingMatches()
    {
        var html = await ComponentHtml.RenderAsync<DemoAccountsTable>(new Dictionary<string, object?> { ["Accounts"] = Array.Empty<DemoAccount>() });

        Assert.Empty(ComponentHtml.BodyRows(html));
        Assert.Contains("No demo account matches.", ComponentHtml.Text(html));
    }

    [Fact]
    public async Task Render_HostileName_IsShownAsTextNotMarkup()
    {
        DemoAccount[] accounts = [new("9000000000", "<script>alert(1)</script>", "110001", "New Delhi", [])];

        var html = await ComponentHtml.RenderAsync<DemoAccountsTable>(new Dictionary<string, object?> { ["Accounts"] = accounts });

        Assert.DoesNotContain("<script>", html);
        Assert.Equal("<script>alert(1)</script>", ComponentHtml.BodyRows(html)[0][0]);
    }
}
