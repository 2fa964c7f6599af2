namespace CareConsole.Core.Catalog;

/// <summary>An item the store sells. Ids come from the store's catalogue.</summary>
public sealed class Product
{
    public required int Id { get; init; }
    public required string Sku { get; init; }
    public required string Name { get; init; }
    public required ProductCategory Category { get; init; }

    /// <summary>Current selling price in rupees.</summary>
    public required decimal Price { get; init; }
}

public enum ProductCategory
{
    Mobiles,
    Electronics,
    Appliances,
    Fashion,
    HomeAndKitchen,
    Beauty,
    Books,
    Grocery,
    Sports,
    Toys,
}
