using CareConsole.Core.Data;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Demo;

/// <summary>A customer someone trying the demo can play: what to say to prove who they are, and their orders.</summary>
public sealed record DemoAccount(string Phone, string Name, string Pincode, string City, IReadOnlyList<DemoAccountOrder> Orders);

public sealed record DemoAccountOrder(string Id, OrderStatus Status);

/// <summary>Lists the seeded customers for people trying the demo. Only offered in demo mode.</summary>
public sealed class DemoAccounts(IDbContextFactory<CareDbContext> contexts)
{
    public async Task<IReadOnlyList<DemoAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Customers
            .AsNoTracking()
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Phone,
                c.FullName,
                Home = c.Addresses.OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).Select(a => new { a.Pincode, a.City }).First(),
                Orders = c.Orders.OrderByDescending(o => o.PlacedAt).Select(o => new DemoAccountOrder(o.Id, o.Status)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DemoAccount(r.Phone, r.FullName, r.Home.Pincode, r.Home.City, r.Orders)).ToList();
    }
}
