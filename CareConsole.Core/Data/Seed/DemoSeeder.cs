using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Data.Seed;

/// <summary>A staff account created for the demo, with the password to hand to whoever tries it.</summary>
public sealed record DemoCredential(string Email, string Password, string Role, string DisplayName);

/// <summary>Fills an empty database with the demo store and demo staff.</summary>
public sealed class DemoSeeder(CareDbContext db, StaffDirectory staff, UserManager<StaffUser> users, TimeProvider clock)
{
    // Serialises seeding across processes sharing one database (two app instances starting together).
    private const int SeedLockClass = 13;

    private static readonly (string Email, string Name, string Role)[] DemoStaff =
    [
        ("meera.iyer@melamart.example", "Meera Iyer", StaffRoles.Agent),
        ("arjun.nair@melamart.example", "Arjun Nair", StaffRoles.Agent),
        ("kavita.rao@melamart.example", "Kavita Rao", StaffRoles.Manager),
    ];

    /// <summary>
    /// Seeds the store and the demo staff if the database has no customers yet. Returns the staff accounts it
    /// created with their passwords: empty on every later start, so passwords are shown once.
    /// </summary>
    public async Task<IReadOnlyList<DemoCredential>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TakeTurnsAsync([(SeedLockClass, 0)], cancellationToken);
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            return [];
        }

        var data = DemoDataGenerator.Generate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        db.Products.AddRange(data.Products);
        db.Customers.AddRange(data.Customers);
        await db.SaveChangesAsync(cancellationToken);

        var created = new List<DemoCredential>();
        foreach (var (email, name, role) in DemoStaff)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }
            var password = StaffPasswords.Generate();
            var change = await staff.AddAsync(email, role, password, name);
            if (!change.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo staff {email}: {string.Join(" ", change.Errors)}");
            }
            created.Add(new DemoCredential(email, password, role, name));
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}
