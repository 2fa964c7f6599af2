using System.Net;
using System.Net.Sockets;

namespace CareConsole.Core.Clients;

/// <summary>
/// Who is calling, as limits and counters see it: an IPv4 address, or the /64 network of an IPv6 address (one
/// subscriber usually holds a whole /64, so single IPv6 addresses would cost an attacker nothing to change).
/// </summary>
public readonly record struct ClientKey
{
    /// <summary>The longest key: an IPv6 /64 written out in full.</summary>
    public const int MaxLength = 48;

    private ClientKey(string value) => Value = value;

    public string Value { get; }

    /// <summary>A caller whose address the server could not see; all of them share one key.</summary>
    public static ClientKey Unknown { get; } = new("unknown");

    public static ClientKey From(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return new ClientKey(address.ToString());
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new ClientKey(new IPAddress(bytes) + "/64");
    }

    /// <summary>A key named outright, e.g. for a tool running on the server itself.</summary>
    public static ClientKey Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ClientKey(name.Length <= MaxLength ? name : name[..MaxLength]);
    }

    public override string ToString() => Value;
}
