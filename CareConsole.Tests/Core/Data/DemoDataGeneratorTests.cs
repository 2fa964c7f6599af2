using System.Text.Json;
using CareConsole.Core.Catalog;
using CareConsole.Core.Data.Seed;
using CareConsole.Core.Orders;

namespace CareConsole.Tests.Core.Data;

public sealed class DemoDataGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);
    private readonly DemoDataSet _data = DemoDataGenerator.Generate(Today);

    [Fact]
    public void Generate_SameDay_GivesIdenticalData()
    {
        var again = DemoDataGenerator.Generate(Today);

        Assert.Equal(Snapshot(_data), Snapshot(again));
    }

    [Fact]
    public void Generate_AnotherDay_KeepsPeopleAndOrdersAndMovesOnlyDates()
    {
        var later = DemoDataGenerator.Generate(Today.AddDays(30));

        Assert.Equal(_data.Customers.Select(c => (c.Id, c.FullName, c.Phone, c.DefaultAddress!.Pincode)),
            later.Customers.Select(c => (c.Id, c.FullName, c.Phone, c.DefaultAddress!.Pincode)));
        Assert.Equal(_data.Orders.Select(o => (o.Id, o.Status, o.Total)), later.Orders.Select(o => (o.Id, o.Status, o.Total)));
        Assert.All(_data.Orders.Zip(later.Orders), pair => Assert.Equal(pair.First.PlacedAt.AddDays(30), pair.Second.PlacedAt));
    }

    [Fact]
    public void Generate_Customers_HaveIndianContactDetails()
    {
        Assert.True(_data.Customers.Count >= 50);
        Assert.All(_data.Customers, customer =>
        {
            Assert.Matches("^[6-9][0-9]{9}$", customer.Phone);
            Assert.Matches("^[a-z.]+[0-9]*(\\.[0-9]+)?@example\\.com$", customer.Email);
            Assert.Contains(' ', customer.FullName);
            Assert.NotEmpty(customer.Addresses);
            Assert.All(customer.Addresses, address =>
            {
                Assert.Matches("^[1-9][0-9]{5}$", address.Pincode);
                Assert.False(string.IsNullOrWhiteSpace(address.City));
                Assert.False(string.IsNullOrWhiteSpace(address.State));
            });
            Assert.Single(customer.Addresses, a => a.IsDefault);
        });
        Assert.Equal(_data.Customers.Count, _data.Customers.Select(c => c.Phone).Distinct().Count());
        Assert.Equal(_data.Customers.Count, _data.Customers.Select(c => c.Email).Distinct().Count());
        Assert.Contains(_data.Customers, c => c.Membership.IsActive);
        Assert.Contains(_data.Customers, c => !c.Membership.IsActive);
        Assert.All(_data.Customers.Where(c => c.Membership.IsActive), c => Assert.True(c.Membership.RenewsOn > Today));
    }

    [Fact]
    public void Generate_Orders_CoverEveryStatusPaymentMethodAndEightCategories()
    {
        var orders = _data.Orders.ToList();

        Assert.True(orders.Count >= 200, $"{orders.Count} orders");
        Assert.Equal(orders.Count, orders.Select(o => o.Id).Distinct().Count());
        Assert.All(Enum.GetValues<OrderStatus>(), status => Assert.True(orders.Count(o => o.Status == status) >= 5, $"{status}"));
        Assert.All(Enum.GetValues<PaymentMethod>(), method => Assert.Contains(orders, o => o.Payment.Method == method));
        Assert.True(_data.Products.Select(p => p.Category).Distinct().Count() >= 8);
        var orderedCategories = orders.SelectMany(o => o.Items).Select(i => _data.Products.Single(p => p.Id == i.ProductId).Category);
        Assert.True(orderedCategories.Distinct().Count() >= 8);
    }

    [Fact]
    public void Generate_Orders_HaveTimelinesThatFitTheirStatus()
    {
        var now = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var order in _data.Orders)
        {
            Assert.True(order.PlacedAt < now.AddDays(1), order.Id);
            var itemsTotal = order.Items.Sum(i => i.UnitPrice * i.Quantity);
            // A ₹40 delivery fee, waived from ₹499 (and for members).
            Assert.Equal(itemsTotal >= 499m ? 0m : order.Total - itemsTotal, order.Total - itemsTotal);
            Assert.True(order.Total - itemsTotal is 0m or 40m, order.Id);
            Assert.Equal(order.Total, order.Payment.Amount);
            switch (order.Status)
            {
                case OrderStatus.OutForDelivery:
                    Assert.Equal(Today, order.EstimatedDelivery);
                    Assert.NotNull(order.LastLocation);
                    break;
                case OrderStatus.Placed or OrderStatus.Packed or OrderStatus.Shipped or OrderStatus.InTransit:
                    Assert.True(order.EstimatedDelivery > Today, order.Id);
                    Assert.Null(order.DeliveredAt);
                    break;
                case OrderStatus.Delivered or OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.RefundPending or OrderStatus.Refunded:
                    Assert.NotNull(order.DeliveredAt);
                    Assert.True(order.DeliveredAt > order.PlacedAt && order.DeliveredAt < now, order.Id);
                    break;
                case OrderStatus.Cancelled:
                    Assert.Null(order.DeliveredAt);
                    break;
            }
        }
    }

    [Fact]
    public void Generate_Payments_MatchWhatHappenedToTheOrder()
    {
        var orders = _data.Orders.ToList();

        Assert.All(orders.Where(o => o.Payment.Method == PaymentMethod.Cod && o.Status is OrderStatus.Placed or OrderStatus.InTransit),
            o => Assert.Equal(PaymentStatus.DueOnDelivery, o.Payment.Status));
        Assert.All(orders.Where(o => o.Status == OrderStatus.Refunded), o => Assert.Equal(PaymentStatus.Refunded, o.Payment.Status));
        Assert.All(orders.Where(o => o.Status == OrderStatus.RefundPending), o => Assert.Equal(PaymentStatus.RefundPending, o.Payment.Status));
        Assert.All(orders.Where(o => o.Payment.Method == PaymentMethod.Emi), o => Assert.True(o.Total >= 3000m && o.Payment.Instalments > 0));
    }

    private static string Snapshot(DemoDataSet data) => JsonSerializer.Serialize(new
    {
        Products = data.Products.Select(p => new { p.Id, p.Sku, p.Name, Category = p.Category.ToString(), p.Price }),
        Customers = data.Customers.Select(c => new
        {
            c.Id, c.FullName, c.Phone, c.Email, c.JoinedAt, c.Membership,
            Addresses = c.Addresses.Select(a => new { a.Label, a.Line1, a.Line2, a.City, a.State, a.Pincode, a.IsDefault }),
            Orders = c.Orders.Select(o => new
            {
                o.Id, o.Status, o.PlacedAt, o.EstimatedDelivery, o.DeliveredAt, o.LastLocation, o.Courier, o.Total, o.ShipTo,
                Items = o.Items.Select(i => new { i.ProductId, i.Quantity, i.UnitPrice }),
                Payment = new { o.Payment.Method, o.Payment.Status, o.Payment.Amount, o.Payment.Reference, o.Payment.PaidAt, o.Payment.Instalments },
            }),
        }),
    });

    [Fact]
    public void Products_HavePositivePricesAndUniqueSkus()
    {
        Assert.All(_data.Products, p => Assert.True(p.Price > 0));
        Assert.Equal(_data.Products.Count, _data.Products.Select(p => p.Sku).Distinct().Count());
        Assert.Contains(_data.Products, p => p.Category == ProductCategory.Grocery);
    }
}
