using System.Globalization;
using CareConsole.Core.Catalog;
using CareConsole.Core.Customers;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Data.Seed;

/// <summary>The generated demo store: its catalogue, and customers with their addresses and orders.</summary>
public sealed record DemoDataSet(IReadOnlyList<Product> Products, IReadOnlyList<Customer> Customers)
{
    public IEnumerable<Order> Orders => Customers.SelectMany(c => c.Orders);
}

/// <summary>
/// Builds the demo store from a fixed random seed, so every machine gets the same customers, phone numbers and
/// orders. Dates count back from <c>today</c> (the day of first start), so an order "out for delivery" is due on
/// the day someone first tries the demo rather than on a date long past.
/// </summary>
public static class DemoDataGenerator
{
    public const int CustomerCount = 60;
    private const int Seed = 20_260_601;
    private const int OrdersOfEachStatus = 8;
    private const decimal FreeDeliveryFrom = 499m;
    private const decimal DeliveryFee = 40m;

    public static DemoDataSet Generate(DateOnly today)
    {
        var random = new Random(Seed);
        var midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var products = DemoCatalog.Products
            .Select((item, index) => new Product
            {
                Id = 1001 + index,
                Sku = $"MM-{item.Category.ToString().ToUpperInvariant()[..3]}-{1001 + index}",
                Name = item.Name,
                Category = item.Category,
                Price = item.Price,
            })
            .ToList();

        var phones = new HashSet<string>();
        var emails = new HashSet<string>();
        var customers = Enumerable.Range(1, CustomerCount)
            .Select(id => NewCustomer(id, random, midnight, phones, emails))
            .ToList();

        // Every status appears a fair number of times, so each support scenario has orders to try it on.
        var unassigned = Enum.GetValues<OrderStatus>()
            .SelectMany(status => Enumerable.Repeat(status, OrdersOfEachStatus))
            .ToList();
        var drafts = new List<OrderDraft>();
        foreach (var customer in customers)
        {
            var count = random.Next(3, 6);
            for (var n = 0; n < count; n++)
            {
                var status = unassigned.Count > 0 ? TakeAny(unassigned, random) : CommonStatus(random);
                drafts.Add(NewOrder(random, midnight, customer, status, products));
            }
        }

        // Order numbers rise with the date of purchase, as an order system issues them.
        foreach (var (draft, index) in drafts.OrderBy(d => d.PlacedAt).Select((d, i) => (d, i)))
        {
            var order = new Order
            {
                Id = $"MM{240_101 + index * 7}",
                ShipTo = draft.ShipTo,
                Status = draft.Status,
                PlacedAt = draft.PlacedAt,
                EstimatedDelivery = draft.EstimatedDelivery,
                DeliveredAt = draft.DeliveredAt,
                LastLocation = draft.LastLocation,
                Courier = draft.Courier,
                Payment = draft.Payment,
                Total = draft.Payment.Amount,
            };
            order.Items.AddRange(draft.Items);
            draft.Customer.Orders.Add(order);
        }

        return new DemoDataSet(products, customers);
    }

    private sealed record OrderDraft(
        Customer Customer,
        OrderStatus Status,
        DateTimeOffset PlacedAt,
        DateOnly? EstimatedDelivery,
        DateTimeOffset? DeliveredAt,
        PostalAddress ShipTo,
        string? LastLocation,
        string? Courier,
        List<OrderItem> Items,
        Payment Payment);

    private static Customer NewCustomer(int id, Random random, DateTimeOffset midnight, HashSet<string> phones, HashSet<string> emails)
    {
        var first = Pick(DemoCatalog.FirstNames, random);
        var last = Pick(DemoCatalog.LastNames, random);
        string phone, email;
        do
        {
            phone = $"{random.Next(6, 10)}{random.Next(0, 1_000_000_000):D9}";
        }
        while (!phones.Add(phone));
        do
        {
            email = $"{first}.{last.Replace("'", "", StringComparison.Ordinal)}{random.Next(1, 100)}@example.com".ToLowerInvariant();
        }
        while (!emails.Add(email));

        var joined = midnight.AddDays(-random.Next(40, 1500)).AddMinutes(random.Next(0, 24 * 60));
        var customer = new Customer { Id = id, FullName = $"{first} {last}", Phone = phone, Email = email, JoinedAt = joined };

        if (random.NextDouble() < 0.35)
        {
            var since = DateOnly.FromDateTime(joined.AddDays(random.Next(0, 30)).UtcDateTime);
            var renews = since.AddYears(1);
            while (renews <= DateOnly.FromDateTime(midnight.UtcDateTime))
            {
                renews = renews.AddYears(1);
            }
            customer.Membership = Membership.Plus(since, renews);
        }

        var home = Pick(DemoCatalog.Cities, random);
        customer.Addresses.Add(NewAddress(random, "Home", home, isDefault: true));
        if (random.NextDouble() < 0.3)
        {
            // A second address: an office in the same city, or parents' home elsewhere.
            var other = random.NextDouble() < 0.5 ? home : Pick(DemoCatalog.Cities, random);
            customer.Addresses.Add(NewAddress(random, other == home ? "Work" : "Parents", other, isDefault: false));
        }
        return customer;
    }

    private static Address NewAddress(Random random, string label, DemoCatalog.City city, bool isDefault) => new()
    {
        Label = label,
        Line1 = random.NextDouble() < 0.6
            ? $"Flat {random.Next(1, 20)}0{random.Next(1, 9)}, {Pick(DemoCatalog.Buildings, random)}"
            : $"{random.Next(1, 400)}, {Pick(DemoCatalog.Streets, random)}",
        Line2 = Pick(city.Localities, random),
        City = city.Name,
        State = city.State,
        Pincode = (city.FirstPincode + random.Next(0, 60)).ToString("D6", CultureInfo.InvariantCulture),
        IsDefault = isDefault,
    };

    private static OrderDraft NewOrder(Random random, DateTimeOffset midnight, Customer customer, OrderStatus status, List<Product> products)
    {
        var (placedAt, estimated, deliveredAt) = Timeline(status, random, midnight);
        var address = customer.Addresses.Count > 1 && random.NextDouble() < 0.3 ? customer.Addresses[1] : customer.Addresses[0];
        var city = DemoCatalog.Cities.First(c => c.Name == address.City);

        var items = products
            .OrderBy(_ => random.Next())
            .Take(random.NextDouble() < 0.7 ? 1 : random.Next(2, 4))
            .Select(product => new OrderItem
            {
                ProductId = product.Id,
                Quantity = product.Price < 1000m && random.NextDouble() < 0.3 ? 2 : 1,
                // Sale prices: up to a fifth below today's list price, to the rupee.
                UnitPrice = Math.Round(product.Price * (1m - random.Next(0, 21) / 100m), 0),
            })
            .ToList();
        var itemsTotal = items.Sum(i => i.UnitPrice * i.Quantity);
        var total = itemsTotal + (itemsTotal < FreeDeliveryFrom && !customer.Membership.IsActive ? DeliveryFee : 0m);

        return new OrderDraft(
            customer, status, placedAt, estimated, deliveredAt, address.ToPostal(),
            LastLocation(status, city),
            status is OrderStatus.Placed or OrderStatus.Cancelled ? null : Pick(DemoCatalog.Couriers, random),
            items,
            NewPayment(random, status, total, placedAt));
    }

    /// <summary>When an order in this state was placed, promised and delivered, relative to today.</summary>
    private static (DateTimeOffset PlacedAt, DateOnly? Estimated, DateTimeOffset? DeliveredAt) Timeline(
        OrderStatus status, Random random, DateTimeOffset midnight)
    {
        var (ageFrom, ageTo) = status switch
        {
            OrderStatus.Placed => (0, 1),
            OrderStatus.Packed => (1, 2),
            OrderStatus.Shipped => (2, 3),
            OrderStatus.InTransit => (3, 5),
            OrderStatus.OutForDelivery => (4, 6),
            OrderStatus.ReturnRequested => (6, 12),
            OrderStatus.Returned => (20, 60),
            OrderStatus.RefundPending => (14, 25),
            OrderStatus.Refunded => (30, 120),
            OrderStatus.Cancelled => (3, 90),
            _ => (7, 200),
        };
        // Delivered orders crowd towards the last few weeks, as in a real store, so many are still within their return
        // window; the one draw keeps every later value of the sequence as it was.
        var age = status == OrderStatus.Delivered
            ? ageFrom + (int)Math.Round((ageTo - ageFrom) * Math.Pow(random.NextDouble(), 3))
            : random.Next(ageFrom, ageTo + 1);
        var placedAt = midnight.AddDays(-age).AddMinutes(random.Next(8 * 60, 23 * 60));
        var today = DateOnly.FromDateTime(midnight.UtcDateTime);
        var placedOn = DateOnly.FromDateTime(placedAt.UtcDateTime);

        switch (status)
        {
            case OrderStatus.Cancelled:
                return (placedAt, null, null);
            case OrderStatus.OutForDelivery:
                return (placedAt, today, null);
            case OrderStatus.Placed or OrderStatus.Packed or OrderStatus.Shipped or OrderStatus.InTransit:
                var promised = placedOn.AddDays(random.Next(4, 8));
                return (placedAt, promised < today.AddDays(1) ? today.AddDays(1) : promised, null);
            default:
                var estimated = placedOn.AddDays(random.Next(3, 7));
                // Most arrive on or before the promised day; some are a day or two late.
                var deliveredOn = estimated.AddDays(random.NextDouble() < 0.8 ? -random.Next(0, 2) : random.Next(1, 3));
                if (deliveredOn >= today)
                {
                    deliveredOn = today.AddDays(-1);
                }
                var deliveredAt = new DateTimeOffset(deliveredOn.ToDateTime(new TimeOnly(random.Next(9, 20), random.Next(0, 60))), TimeSpan.Zero);
                return (placedAt, estimated, deliveredAt);
        }
    }

    private static Payment NewPayment(Random random, OrderStatus status, decimal total, DateTimeOffset placedAt)
    {
        var method = random.NextDouble() switch
        {
            < 0.40 => PaymentMethod.Upi,
            < 0.60 => PaymentMethod.Card,
            < 0.80 => PaymentMethod.Cod,
            < 0.88 => PaymentMethod.Emi,
            _ => PaymentMethod.Wallet,
        };
        // EMI is offered only on larger orders, cash on delivery only on smaller ones.
        if (method == PaymentMethod.Emi && total < 3000m)
        {
            method = PaymentMethod.Card;
        }
        if (method == PaymentMethod.Cod && total > 20000m)
        {
            method = PaymentMethod.Upi;
        }

        var handedOver = status is OrderStatus.Delivered or OrderStatus.ReturnRequested or OrderStatus.Returned
            or OrderStatus.RefundPending or OrderStatus.Refunded;
        var paymentStatus = (method, status) switch
        {
            (PaymentMethod.Cod, OrderStatus.Cancelled) => PaymentStatus.Voided,
            (PaymentMethod.Cod, _) when !handedOver => PaymentStatus.DueOnDelivery,
            (_, OrderStatus.Cancelled or OrderStatus.Refunded) => PaymentStatus.Refunded,
            (_, OrderStatus.RefundPending) => PaymentStatus.RefundPending,
            _ => PaymentStatus.Paid,
        };

        var cardDigits = random.Next(1000, 10000);
        var payment = new Payment
        {
            Method = method,
            // A refund is recorded as it happens in the store: paid first, then refunded.
            Status = paymentStatus is PaymentStatus.RefundPending or PaymentStatus.Refunded ? PaymentStatus.Paid : paymentStatus,
            Amount = total,
            Reference = method switch
            {
                PaymentMethod.Upi => $"{Pick(DemoCatalog.UpiApps, random)} ref {random.NextInt64(100_000_000_000, 1_000_000_000_000)}",
                PaymentMethod.Card => $"{Pick(DemoCatalog.CardNetworks, random)} card ending {cardDigits}",
                PaymentMethod.Emi => $"{Pick(DemoCatalog.CardNetworks, random)} card EMI ending {cardDigits}",
                PaymentMethod.Wallet => Pick(DemoCatalog.WalletNames, random),
                _ => "Cash on delivery",
            },
            // Cash is collected at the door, about four days after ordering; online payments clear at once.
            PaidAt = paymentStatus is PaymentStatus.DueOnDelivery or PaymentStatus.Voided
                ? null
                : placedAt.AddMinutes(method == PaymentMethod.Cod ? 4 * 24 * 60 : 1),
            Instalments = method == PaymentMethod.Emi ? new[] { 3, 6, 9, 12 }[random.Next(4)] : null,
        };
        if (paymentStatus is PaymentStatus.RefundPending or PaymentStatus.Refunded)
        {
            // Cancelled orders were refunded at once; returns once the parcel was back, about a week on.
            payment.StartRefund(total, placedAt.AddDays(status == OrderStatus.Cancelled ? 0 : 8));
            payment.Status = paymentStatus;
        }
        return payment;
    }

    private static string? LastLocation(OrderStatus status, DemoCatalog.City city) => status switch
    {
        OrderStatus.Placed or OrderStatus.Cancelled => null,
        OrderStatus.Packed => "Seller warehouse, Bhiwandi, Maharashtra",
        OrderStatus.Shipped => "Dispatched from seller warehouse, Bhiwandi, Maharashtra",
        OrderStatus.InTransit => city.Hub,
        OrderStatus.OutForDelivery => $"{city.Name} delivery centre, {city.State}",
        OrderStatus.Returned or OrderStatus.RefundPending or OrderStatus.Refunded => "Returned to seller warehouse, Bhiwandi, Maharashtra",
        _ => $"Delivered to {city.Name}, {city.State}",
    };

    /// <summary>Statuses for orders beyond the guaranteed few of each: mostly delivered, as in a real store.</summary>
    private static OrderStatus CommonStatus(Random random) => random.Next(100) switch
    {
        < 45 => OrderStatus.Delivered,
        < 52 => OrderStatus.InTransit,
        < 58 => OrderStatus.Shipped,
        < 63 => OrderStatus.Placed,
        < 67 => OrderStatus.Packed,
        < 72 => OrderStatus.OutForDelivery,
        < 80 => OrderStatus.Cancelled,
        < 84 => OrderStatus.ReturnRequested,
        < 88 => OrderStatus.Returned,
        < 92 => OrderStatus.RefundPending,
        _ => OrderStatus.Refunded,
    };

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static T TakeAny<T>(List<T> items, Random random)
    {
        var index = random.Next(items.Count);
        var item = items[index];
        items.RemoveAt(index);
        return item;
    }
}
