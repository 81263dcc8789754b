using System.Net;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "private")]
    [InlineData("100.127.255.255", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fdff:ffff::1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.5", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")] // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::1", "loopback")] // 6to4 of 127.0.0.1
    [InlineData("8.8.8.8", null)]
    [InlineData("93.184.216.34", null)]
    [InlineData("100.63.255.255", null)]
    [InlineData("100.128.0.0", null)]
    [InlineData("172.15.255.255", null)]
    [InlineData("172.32.0.0", null)]
    [InlineData("192.169.0.1", null)]
    [InlineData("2606:4700::6810:84e5", null)]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("2002:0808:0808::1", null)]
    public void Classifies(string address, string? kind)
        => Assert.Equal(kind, AddressPolicy.Classify(IPAddress.Parse(address)));
}
