using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Models;

/// <summary>A found account, returned as a JSON object like the agent's real tools return records.</summary>
public sealed record AccountMatch(string CustomerId, string Name);

/// <summary>
/// Small tools made the way the agent makes its own, so the adapters are tested on the schemas
/// <see cref="AIFunctionFactory"/> really writes.
/// </summary>
public static class AdapterTestTools
{
    public const string Phone = "9876543210";

    public static AIFunction FindAccount { get; } = AIFunctionFactory.Create(FindAccountByPhone, name: "find_account");

    public static AIFunction TrackOrder { get; } = AIFunctionFactory.Create(TrackOrderByNumber, name: "track_order");

    [Description("Finds the customer account registered to a mobile number.")]
    private static AccountMatch FindAccountByPhone(
        [Description("The customer's 10-digit mobile number.")] string phone) =>
        new("C-1001", phone == Phone ? "Asha Verma" : "unknown");

    [Description("Says where an order is.")]
    private static string TrackOrderByNumber(
        [Description("The order number, such as ORD-10042.")] string orderNumber,
        [Description("Only when the customer gave one: the pincode the order ships to.")] string? pincode = null) =>
        $"{orderNumber} is out for delivery{(pincode is null ? "" : $" to {pincode}")}.";
}
