using System.Text;
using ImageAdapter.Fireworks;

namespace ImageAdapter.Tests.Security;

/// <summary>The forms of the Fireworks key an echoed Fireworks 400 could carry, each of which once reached a client.</summary>
public sealed class KeyRedactionTests
{
    private const string Key = "fw_3ZkQx9LmP2vRt7YbN4cWd8Hs";

    public static TheoryData<string, string> Leaks => new()
    {
        { "exact", $"bad key {Key} given" },
        { "upper case", $"bad key {Key.ToUpperInvariant()} given" },
        { "URL-encoded", $"bad key {Uri.EscapeDataString(Key).Replace("_", "%5F", StringComparison.Ordinal)} given" },
        { "base64", $"token {Convert.ToBase64String(Encoding.UTF8.GetBytes(Key))} given" },
        { "base64 inside other base64", $"token {Convert.ToBase64String(Encoding.UTF8.GetBytes("x:" + Key))} given" },
        { "base64url", $"token {Convert.ToBase64String(Encoding.UTF8.GetBytes("ab" + Key)).Replace('+', '-').Replace('/', '_')} given" },
        { "split by CR/LF", $"bad key {string.Join("\r\n", Key.Chunk(6).Select(chunk => new string(chunk)))} given" },
        { "zero-width spaces inside", $"bad key {string.Join("\u200B", Key.Chunk(5).Select(chunk => new string(chunk)))} given" },
        { "a run of 8 of its characters", $"key ending {Key[^9..]} is wrong" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void Redact_KeyInAnyForm_LeavesNoRunOfItsCharacters(string form, string text)
    {
        var redacted = KeyRedaction.Redact(text, Key);

        Assert.Contains(KeyRedaction.Marker, redacted);
        AssertNoRunOfKey(redacted, form);
        AssertNoRunOfKey(redacted.Replace(KeyRedaction.Marker, "", StringComparison.Ordinal), form);
    }

    [Fact]
    public void Redact_TextWithoutTheKey_KeepsItWordForWord()
    {
        const string text = "prompt must be at most 2048 characters; width must be a multiple of 64";

        Assert.Equal(text, KeyRedaction.Redact(text, Key));
    }

    [Fact]
    public void Redact_ShortRunsOfKeyCharacters_AreKept()
    {
        // Seven characters of the key in a row are too few to say anything about it, and would redact ordinary words.
        var text = $"value {Key[..7]} rejected";

        Assert.Equal(text, KeyRedaction.Redact(text, Key));
    }

    [Fact]
    public void Detail_JsonErrorMessage_IsEchoedRedacted()
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"error":{"message":"invalid key {{{Key}}}","trace":"internal"}}""");

        Assert.Equal($"invalid key {KeyRedaction.Marker}", UpstreamErrors.Detail(body, Key));
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway: upstream at 10.0.0.4</body></html>")]
    [InlineData("internal stack trace at Fireworks.Worker.Run()")]
    [InlineData("""{"trace":"internal","host":"10.0.0.4"}""")]
    [InlineData("""["not","an","object"]""")]
    public void Detail_BodyWithoutAJsonErrorMessage_IsNotEchoed(string body)
    {
        Assert.Equal("no detail given.", UpstreamErrors.Detail(Encoding.UTF8.GetBytes(body), Key));
    }

    private static void AssertNoRunOfKey(string text, string form)
    {
        var lower = text.ToLowerInvariant();
        var forms = new[] { Key, Convert.ToBase64String(Encoding.UTF8.GetBytes(Key)) };
        foreach (var keyForm in forms.Select(f => f.ToLowerInvariant()))
        {
            for (var start = 0; start + KeyRedaction.RunLength <= keyForm.Length; start++)
            {
                Assert.False(lower.Contains(keyForm.Substring(start, KeyRedaction.RunLength), StringComparison.Ordinal),
                    $"{form}: '{text}' still holds '{keyForm.Substring(start, KeyRedaction.RunLength)}'.");
            }
        }
    }
}
