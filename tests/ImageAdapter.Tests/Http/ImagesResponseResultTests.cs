using System.Text;
using System.Text.Json;
using ImageAdapter.Contract;
using ImageAdapter.Http;
using ImageAdapter.Imaging;
using ImageAdapter.Translation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ImageAdapter.Tests.Http;

/// <summary>
/// The answer written a chunk at a time must be exactly what serializing the <see cref="ImagesResponse"/> whole gives,
/// and as long as its <c>Content-Length</c> says: images on and around the 48 KiB chunk boundary, URLs, and a size left out.
/// </summary>
public sealed class ImagesResponseResultTests
{
    private const int Chunk = 48 * 1024;

    public static TheoryData<int[]> ImageLengths => new()
    {
        new[] { 0 },
        new[] { 1 },
        new[] { Chunk - 1 },
        new[] { Chunk },
        new[] { Chunk + 1 },
        new[] { 3 * Chunk + 2 },
        new[] { 1_650_000, 2, Chunk + 5, 300_001 },
    };

    [Theory]
    [MemberData(nameof(ImageLengths))]
    public async Task Execute_Base64Images_SameBytesAsTheSerializer(int[] lengths)
    {
        var data = lengths.Select((length, index) => new ImageData(ImageBody.FromBytes(Bytes(length, index)))).ToArray();
        var response = new ImagesResponse(1_764_000_000, data, "png", "1024x1024", Usage());

        Assert.Equal(Serialized(response), await WrittenAsync(response));
    }

    // Base64 Fireworks sent (an SDXL n>1 answer) is copied through in chunks of its own: the same answer as its bytes give.
    [Theory]
    [MemberData(nameof(ImageLengths))]
    public async Task Execute_Base64FromFireworks_SameBytesAsTheDecodedImages(int[] lengths)
    {
        var images = lengths.Select((length, index) => Bytes(length, index)).ToArray();
        var asText = images.Select(bytes => new ImageData(Base64Payload.Read(Encoding.UTF8.GetBytes(Convert.ToBase64String(bytes))))).ToArray();
        var asBytes = images.Select(bytes => new ImageData(ImageBody.FromBytes(bytes))).ToArray();

        var written = await WrittenAsync(new ImagesResponse(1_764_000_000, asText, "png", "1024x1024", Usage()));

        Assert.All(asText, image => Assert.True(image.B64Json!.Value.IsBase64 || image.B64Json.Value.Length == 0));
        Assert.Equal(Serialized(new ImagesResponse(1_764_000_000, asBytes, "png", "1024x1024", Usage())), written);
    }

    [Fact]
    public async Task Execute_UrlsAndNoSize_SameBytesAsTheSerializer()
    {
        var data = new[] { new ImageData(null, "https://st.blob.core.windows.net/images/a.png?sv=2025&sig=x%2By&se=1"), new ImageData(null, "https://h/b.jpeg") };
        var response = new ImagesResponse(7, data, "jpeg", null, Usage());

        Assert.Equal(Serialized(response), await WrittenAsync(response));
    }

    [Fact]
    public async Task Execute_Answer_Is200Json()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        await new ImagesResponseResult(new ImagesResponse(1, [new ImageData(ImageBody.FromBytes(Bytes(10, 0)))], "png", null, Usage())).ExecuteAsync(context);

        Assert.Equal((200, "application/json; charset=utf-8"), (context.Response.StatusCode, context.Response.ContentType));
    }

    // Kestrel holds a response's writer once MaxResponseBufferSize is unsent. Flushes of that size, or of a part of it
    // such as 32 KiB, reach the mark exactly and wait for the socket: a send and a thread-pool hop per 64 KiB, which
    // cost SDXL n=1 a third of its CPU per request (bench/README, "Flush size").
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_LargeImage_EachFlushLessThanKestrelsResponseBufferAndNoWholePartOfIt(bool fromFireworksBase64)
    {
        var bytes = Bytes(1_650_000, 3);
        var image = fromFireworksBase64 ? Base64Payload.Read(Encoding.UTF8.GetBytes(Convert.ToBase64String(bytes))) : ImageBody.FromBytes(bytes);
        var body = new FlushCountingStream();
        var context = new DefaultHttpContext { Response = { Body = body } };

        await new ImagesResponseResult(new ImagesResponse(1, [new ImageData(image)], "png", null, Usage())).ExecuteAsync(context);

        var kestrelBuffer = new KestrelServerLimits().MaxResponseBufferSize!.Value;
        Assert.Equal(fromFireworksBase64, image.IsBase64);
        Assert.True(ImagesResponseResult.Base64ChunkBytes < kestrelBuffer && kestrelBuffer % ImagesResponseResult.Base64ChunkBytes != 0);
        Assert.All(body.Flushes[1..^1], flushed => Assert.Equal(ImagesResponseResult.Base64ChunkBytes, flushed));
        Assert.InRange(body.Flushes[0], ImagesResponseResult.Base64ChunkBytes, ImagesResponseResult.Base64ChunkBytes + 100);
        Assert.Equal(body.Length, body.Flushes.Sum());
    }

    private static ImageUsage Usage() => new(12, 1024, 1036, new InputTokensDetails(12, 0));

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Serialized(ImagesResponse response) =>
        JsonSerializer.Serialize(response, OpenAIJsonContext.Responses.ImagesResponse);

    // Every answer states its length before its first byte: the bytes written must be exactly that many.
    private static async Task<string> WrittenAsync(ImagesResponse response)
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext { Response = { Body = body } };
        await new ImagesResponseResult(response).ExecuteAsync(context);
        Assert.Equal(body.Length, context.Response.ContentLength);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    /// <summary>A response body that records how many bytes each flush of the response's writer carried.</summary>
    private sealed class FlushCountingStream : MemoryStream
    {
        private long _flushed;

        public List<long> Flushes { get; } = [];

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes.Add(Length - _flushed);
            _flushed = Length;
            return Task.CompletedTask;
        }
    }
}
