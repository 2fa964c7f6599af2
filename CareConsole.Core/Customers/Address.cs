namespace CareConsole.Core.Customers;

/// <summary>An entry in the customer's address book.</summary>
public sealed class Address
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }

    /// <summary>"Home", "Work", "Parents"...</summary>
    public required string Label { get; init; }

    public required string Line1 { get; init; }
    public string? Line2 { get; init; }
    public required string City { get; init; }
    public required string State { get; init; }

    /// <summary>Six-digit Indian postal code; also one of the facts a caller proves identity with.</summary>
    public required string Pincode { get; init; }

    public bool IsDefault { get; init; }

    public PostalAddress ToPostal() => new(Line1, Line2, City, State, Pincode);
}
