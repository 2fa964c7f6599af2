using CareConsole.Core.Demo;

namespace CareConsole.Api;

public static class DemoEndpoints
{
    /// <summary>
    /// <c>GET /api/demo/accounts</c>: the seeded customers with what it takes to play them (phone, pincode, city)
    /// and their orders. Mapped only in demo mode: on real data this would hand out exactly what verification asks.
    /// </summary>
    public static void MapDemoEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/demo/accounts", async (DemoAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.ListAsync(cancellationToken)))
            .WithName("ListDemoAccounts")
            .WithTags("Demo")
            .WithSummary("The demo customers and what it takes to play them")
            .WithDescription("Demo mode only: phone, name, pincode, city and orders of each seeded customer.");
}
