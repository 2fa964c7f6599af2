using CareConsole.Core.Clients;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CareConsole.Hosting;

/// <summary>
/// The address of the browser behind an interactive circuit, as limits and identity checks count it. A circuit
/// has no request of its own; it is read from the connection that opened it.
/// </summary>
public sealed class CircuitClient
{
    public ClientKey Key { get; private set; } = ClientKey.Unknown;

    internal sealed class Handler(CircuitClient client, IHttpContextAccessor http) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            client.Key = ClientKey.From(http.HttpContext?.Connection.RemoteIpAddress);
            return Task.CompletedTask;
        }
    }
}
