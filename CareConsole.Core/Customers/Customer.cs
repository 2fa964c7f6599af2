using CareConsole.Core.Orders;

namespace CareConsole.Core.Customers;

/// <summary>
/// A shopper of the store. CareConsole mirrors customers from the store's own systems, so the id is the
/// store's customer number and is never generated here.
/// </summary>
public sealed class Customer
{
    public required int Id { get; init; }
    public required string FullName { get; init; }

    /// <summary>Ten-digit Indian mobile number without the +91 prefix: the key a caller identifies by.</summary>
    public required string Phone { get; init; }

    public required string Email { get; init; }
    public required DateTimeOffset JoinedAt { get; init; }
    public Membership Membership { get; set; } = Membership.None;

    public List<Address> Addresses { get; } = [];
    public List<Order> Orders { get; } = [];

    public string FirstName => FullName.Split(' ', 2)[0];

    public Address? DefaultAddress => Addresses.FirstOrDefault(a => a.IsDefault) ?? Addresses.FirstOrDefault();
}
