using System.Net;

namespace ImageAdapter.Tests.Support;

/// <summary>A body sent chunked, without Content-Length, as the Node SDK sends a streamed file.</summary>
internal sealed class ChunkedContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
