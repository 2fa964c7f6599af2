using System.Text.Json;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Conversations;

/// <summary>
/// What one of the assistant's tool calls did, in the words a support agent uses ("looked up order MM240115"). The
/// tools' own names are written for models; people reading a hand-off or a failure reason should not have to know them.
/// </summary>
public static class ToolCallWords
{
    /// <summary>
    /// What the call did, or what it could not do. Null for a call that worked but is told elsewhere or is no news to
    /// a colleague (identity checks, hand-overs, ending the chat), and for a tool this list does not know.
    /// </summary>
    /// <param name="tool">The tool's name, as recorded.</param>
    /// <param name="orderId">The order it was about, if any.</param>
    /// <param name="succeeded">False when it failed or was refused.</param>
    public static string? Describe(string tool, string? orderId, bool succeeded)
    {
        var order = orderId is null ? "an order" : $"order {orderId}";
        var on = orderId is null ? "" : $" on {orderId}";
        return (tool, succeeded) switch
        {
            ("get_order", true) => $"looked up {order}",
            ("get_order", false) => $"could not look up {order}",
            ("list_orders", true) => "listed recent orders",
            ("list_orders", false) => "could not list their orders",
            ("get_profile", true) => "read the profile",
            ("get_profile", false) => "could not read the profile",
            ("search_knowledge", true) => "searched the help centre",
            ("search_knowledge", false) => "could not search the help centre",
            ("request_refund", _) => Request("a refund request" + on, succeeded),
            ("request_return", _) => Request("a return request" + on, succeeded),
            ("request_replacement", _) => Request("a replacement request" + on, succeeded),
            ("cancel_order", _) => Request("a cancellation" + on, succeeded),
            ("find_account", false) => "could not take their mobile number",
            ("verify_identity", false) => "could not check their identity",
            _ => null,
        };
    }

    /// <summary>
    /// The order a recorded call was about, from its arguments (<c>{"orderId":"MM240115"}</c>), normalised; null when
    /// it names none, or something that is not an order number (a model's argument is not repeated to people as is).
    /// </summary>
    public static string? OrderIn(string argumentsJson)
    {
        try
        {
            using var arguments = JsonDocument.Parse(argumentsJson);
            return arguments.RootElement.ValueKind == JsonValueKind.Object
                && arguments.RootElement.TryGetProperty("orderId", out var order) && order.ValueKind == JsonValueKind.String
                    ? OrderNumbers.Normalise(order.GetString())
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Request(string what, bool succeeded) => succeeded ? "recorded " + what : "could not record " + what;
}
