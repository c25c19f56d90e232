using System.Text;
using ImageAdapter.Http;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Http;

/// <summary>How the JSON body is buffered: whole whatever its length says, and without more memory than it needs.</summary>
public sealed class RequestBodyReaderTests
{
    private readonly RequestBodyReader _reader = new(Options.Create(new LimitsOptions()));

    [Theory]
    [InlineData(10, true)]
    [InlineData(10, false)]
    [InlineData(4_081, true)] // a body of 4,095 bytes (the prompt and 14 bytes of JSON): just under the first buffer
    [InlineData(4_082, true)] // 4,096 bytes
    [InlineData(4_083, true)] // 4,097 bytes
    [InlineData(20_000, true)]
    [InlineData(20_000, false)]
    public async Task Read_BodyOfAnyLength_WithOrWithoutContentLength_ParsesItWhole(int promptLength, bool withLength)
    {
        var prompt = new string('a', promptLength);

        var parsed = await _reader.ReadAsync(Request($$"""{"prompt": "{{prompt}}"}""", withLength), TestContext.Current.CancellationToken);

        Assert.Equal(prompt, parsed.Prompt);
    }

    [Fact]
    public async Task Read_SmallBodyWithItsLength_AllocatesLessThanTheDefaultBuffer()
    {
        const string body = """{"model": "accounts/fireworks/models/flux-1-schnell-fp8", "prompt": "a red fox in the snow", "n": 1}""";
        var cancellationToken = TestContext.Current.CancellationToken;
        await _reader.ReadAsync(Request(body, withLength: true), cancellationToken); // caches and JIT out of the figure
        var request = Request(body, withLength: true);

        var before = GC.GetAllocatedBytesForCurrentThread();
        await _reader.ReadAsync(request, cancellationToken); // a MemoryStream body: every await completes on this thread
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The parsed request and its strings take a few hundred bytes. Asking the buffer for 4 KiB free on each read
        // grew it from 4 KiB to 8 KiB: 12 KiB for this 100-byte body.
        Assert.InRange(allocated, 1, 4_096);
    }

    private static HttpRequest Request(string body, bool withLength)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = withLength ? bytes.Length : null;
        return context.Request;
    }
}
