using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CareConsole.Hosting;

/// <summary>
/// Behind a reverse proxy or load balancer, the client's address and scheme arrive in X-Forwarded-For and
/// X-Forwarded-Proto. They are believed only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses)
/// or <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges): from anyone else they would let a stranger pick the
/// address that limits and identity checks count against.
/// </summary>
public static class TrustedProxies
{
    public static void AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddSingleton(new TrustedProxyList(proxies.Length + networks.Length > 0));
    }

    /// <summary>A one-line problem with the configured proxies, or null.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                return $"ForwardedHeaders:KnownProxies has '{proxy}', which is not an IP address.";
            }
        }
        foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                return $"ForwardedHeaders:KnownNetworks has '{network}', which is not a network such as 10.0.0.0/8.";
            }
        }
        return null;
    }

    public static void UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxyList>().Any)
        {
            app.UseForwardedHeaders();
        }
    }

    private sealed record TrustedProxyList(bool Any);
}
