namespace CareConsole.Core.Customers;

/// <summary>An address as printed on a shipping label.</summary>
public sealed record PostalAddress(string Line1, string? Line2, string City, string State, string Pincode);
