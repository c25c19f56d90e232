using System.Net;
using ImageAdapter.Fireworks;

namespace ImageAdapter.Tests.Security;

/// <summary>Every range a Kontext sample download may not connect to, and public addresses that it may.</summary>
public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("fd00:ec2::254", "private")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("169.254.10.20", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("168.63.129.16", "Azure platform (WireServer)")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata")]
    [InlineData("64:ff9b::10.0.0.1", "private")]
    [InlineData("2002:a9fe:a9fe::1", "cloud metadata")]
    public void RefusedRange_NonPublicAddress_NamesItsRange(string address, string range) =>
        Assert.Equal(range, PublicAddresses.RefusedRange(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("52.239.148.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void RefusedRange_PublicAddress_IsNull(string address) =>
        Assert.Null(PublicAddresses.RefusedRange(IPAddress.Parse(address)));
}
