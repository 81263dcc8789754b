using System.Net;
using System.Net.Sockets;

namespace NewsBot.Feeds.Fetching;

/// <summary>
/// Which addresses a feed may not live at: anything that reaches into the bot's own machine or network.
/// IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address,
/// so ::ffff:127.0.0.1 cannot slip past a rule written for 127.0.0.1.
/// </summary>
public static class AddressPolicy
{
    /// <summary>Null for a public address; otherwise the kind of address, as a person would name it ("private", "loopback").</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "non-IP";
        }

        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(b.AsSpan(12, 4));
        }

        // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) carry the IPv4 address in the last four bytes.
        if (AllZero(b.AsSpan(0, 12)) || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && AllZero(b.AsSpan(4, 8))))
        {
            return ClassifyV4(b.AsSpan(12, 4));
        }

        // 6to4: 2002:AABB:CCDD::/48 tunnels to the IPv4 address AA.BB.CC.DD.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return ClassifyV4(b.AsSpan(2, 4));
        }

        return b[0] switch
        {
            0xff => "multicast",
            0xfc or 0xfd => "private",
            0xfe when (b[1] & 0xc0) == 0x80 => "link-local",
            0xfe when (b[1] & 0xc0) == 0xc0 => "private", // fec0::/10, the retired site-local range
            _ => null,
        };
    }

    private static string? ClassifyV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 => "unspecified",
        10 => "private",
        100 when (b[1] & 0xc0) == 64 => "private", // 100.64.0.0/10, carrier-grade NAT
        127 => "loopback",
        169 when b[1] == 254 => "link-local",
        172 when (b[1] & 0xf0) == 16 => "private",
        192 when b[1] == 168 => "private",
        192 when b[1] == 0 && b[2] == 0 => "reserved",
        198 when (b[1] & 0xfe) == 18 => "reserved", // 198.18.0.0/15, benchmarking
        >= 224 and <= 239 => "multicast",
        >= 240 => "reserved", // includes 255.255.255.255
        _ => null,
    };

    private static bool AllZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
}
