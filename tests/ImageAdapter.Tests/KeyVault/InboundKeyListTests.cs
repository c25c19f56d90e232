using ImageAdapter.Secrets;

namespace ImageAdapter.Tests.KeyVault;

public sealed class InboundKeyListTests
{
    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData(" \n , \r\n", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData(" a , b ", new[] { "a", "b" })]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a,,b\n\nc", new[] { "a", "b", "c" })]
    [InlineData("a,a\na", new[] { "a" })]
    [InlineData("Key,key", new[] { "Key", "key" })]
    public void Parse_Value_KeysTrimmedEmptiesAndRepeatsDropped(string? value, string[] expected)
    {
        Assert.Equal(expected, InboundKeyList.Parse(value));
    }
}
