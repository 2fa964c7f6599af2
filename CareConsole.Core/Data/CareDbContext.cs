using CareConsole.Core.Catalog;
using CareConsole.Core.Customers;
using CareConsole.Core.Orders;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Data;

/// <summary>The one database of CareConsole: store data mirrored for support, conversations, and staff accounts.</summary>
public sealed class CareDbContext(DbContextOptions<CareDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Customer>(customer =>
        {
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.FullName).HasMaxLength(120);
            customer.Property(c => c.Phone).HasMaxLength(10);
            customer.Property(c => c.Email).HasMaxLength(200);
            customer.HasIndex(c => c.Phone).IsUnique();
            customer.ComplexProperty(c => c.Membership, membership =>
            {
                membership.Property(m => m.Plan).HasConversion<string>().HasMaxLength(16).HasColumnName("MembershipPlan");
                membership.Property(m => m.Since).HasColumnName("MemberSince");
                membership.Property(m => m.RenewsOn).HasColumnName("MembershipRenewsOn");
            });
            customer.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.CustomerId);
            customer.HasMany(c => c.Orders).WithOne(o => o.Customer).HasForeignKey(o => o.CustomerId);
            customer.Ignore(c => c.FirstName);
            customer.Ignore(c => c.DefaultAddress);
        });

        builder.Entity<Address>(address =>
        {
            address.Property(a => a.Label).HasMaxLength(40);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(80);
            address.Property(a => a.State).HasMaxLength(80);
            address.Property(a => a.Pincode).HasMaxLength(6).IsFixedLength();
        });

        builder.Entity<Product>(product =>
        {
            product.Property(p => p.Id).ValueGeneratedNever();
            product.Property(p => p.Sku).HasMaxLength(32);
            product.HasIndex(p => p.Sku).IsUnique();
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
            product.Property(p => p.Price).HasPrecision(12, 2);
        });

        builder.Entity<Order>(order =>
        {
            order.Property(o => o.Id).HasMaxLength(20).ValueGeneratedNever();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.LastLocation).HasMaxLength(200);
            order.Property(o => o.Courier).HasMaxLength(60);
            order.Property(o => o.Total).HasPrecision(12, 2);
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt });
            order.ComplexProperty(o => o.ShipTo, shipTo =>
            {
                shipTo.Property(a => a.Line1).HasMaxLength(200).HasColumnName("ShipToLine1");
                shipTo.Property(a => a.Line2).HasMaxLength(200).HasColumnName("ShipToLine2");
                shipTo.Property(a => a.City).HasMaxLength(80).HasColumnName("ShipToCity");
                shipTo.Property(a => a.State).HasMaxLength(80).HasColumnName("ShipToState");
                shipTo.Property(a => a.Pincode).HasMaxLength(6).IsFixedLength().HasColumnName("ShipToPincode");
            });
            order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId);
            order.HasOne(o => o.Payment).WithOne().HasForeignKey<Payment>(p => p.OrderId);
        });

        builder.Entity<OrderItem>(item =>
        {
            item.Property(i => i.UnitPrice).HasPrecision(12, 2);
            item.HasOne(i => i.Product).WithMany().HasForeignKey(i => i.ProductId);
        });

        builder.Entity<Payment>(payment =>
        {
            payment.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
            payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            payment.Property(p => p.Amount).HasPrecision(12, 2);
            payment.Property(p => p.Reference).HasMaxLength(64);
            payment.HasIndex(p => p.OrderId).IsUnique();
        });

        builder.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(80);
            user.Ignore(u => u.FirstName);
        });

        // The two roles are part of the schema: authorisation checks name them, so they exist in every database.
        builder.Entity<IdentityRole>().HasData(
            new IdentityRole { Id = "role-agent", Name = StaffRoles.Agent, NormalizedName = "AGENT", ConcurrencyStamp = "role-agent-v1" },
            new IdentityRole { Id = "role-manager", Name = StaffRoles.Manager, NormalizedName = "MANAGER", ConcurrencyStamp = "role-manager-v1" });
    }
}
