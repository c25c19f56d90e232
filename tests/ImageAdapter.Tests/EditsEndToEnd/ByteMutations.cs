using System.Text;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// Changes to a written form's bytes, where multipart's own framing breaks: the body cut short, bytes flipped in a
/// boundary line or a part's headers, bytes inserted, line ends dropped or made bare LFs, the closing boundary removed,
/// a preamble, an epilogue, the body twice. Each returns the new body and what it did.
/// </summary>
internal static class ByteMutations
{
    private static readonly Func<Random, byte[], string, (byte[], string)>[] Mutations =
    [
        Truncate, FlipInBoundary, FlipInHeaders, Insert, DropOneCrlf, BareLineFeeds, DropClosingBoundary, Preamble, Epilogue, Twice,
    ];

    public static (byte[] Body, string Step) Apply(Random random, byte[] body, string boundary) =>
        Mutations[random.Next(Mutations.Length)](random, body, boundary);

    private static (byte[], string) Truncate(Random random, byte[] body, string boundary)
    {
        var length = random.Next(body.Length + 1);
        return (body[..length], $"cut to {length} bytes");
    }

    private static (byte[], string) FlipInBoundary(Random random, byte[] body, string boundary)
    {
        var positions = Occurrences(body, Encoding.ASCII.GetBytes("--" + boundary));
        if (positions.Count == 0)
        {
            return (body, "no boundary to flip");
        }

        var position = positions[random.Next(positions.Count)] + random.Next(boundary.Length + 2);
        return (Flip(random, body, position), $"flipped byte {position} in a boundary line");
    }

    private static (byte[], string) FlipInHeaders(Random random, byte[] body, string boundary)
    {
        var positions = Occurrences(body, Encoding.ASCII.GetBytes("--" + boundary + "\r\n"));
        if (positions.Count == 0)
        {
            return (body, "no headers to flip");
        }

        var position = Math.Min(body.Length - 1, positions[random.Next(positions.Count)] + boundary.Length + 4 + random.Next(80));
        return (Flip(random, body, position), $"flipped byte {position} in a part's headers");
    }

    private static (byte[], string) Insert(Random random, byte[] body, string boundary)
    {
        var position = random.Next(body.Length + 1);
        var junk = MultipartFuzzer.Bytes(random, random.Next(1, 64));
        return ([.. body[..position], .. junk, .. body[position..]], $"inserted {junk.Length} random bytes at {position}");
    }

    private static (byte[], string) DropOneCrlf(Random random, byte[] body, string boundary)
    {
        var positions = Occurrences(body, "\r\n"u8.ToArray());
        if (positions.Count == 0)
        {
            return (body, "no CRLF to drop");
        }

        var index = random.Next(positions.Count);
        var position = positions[index];
        return ([.. body[..position], .. body[(position + 2)..]], $"dropped CRLF #{index} at {position}");
    }

    private static (byte[], string) BareLineFeeds(Random random, byte[] body, string boundary) =>
        (Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(body).Replace("\r\n", "\n", StringComparison.Ordinal)), "every CRLF made a bare LF");

    private static (byte[], string) DropClosingBoundary(Random random, byte[] body, string boundary)
    {
        var closing = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        var positions = Occurrences(body, closing);
        return positions.Count == 0 ? (body, "no closing boundary to drop") : (body[..positions[^1]], "dropped the closing boundary");
    }

    private static (byte[], string) Preamble(Random random, byte[] body, string boundary) =>
        ([.. "This is a preamble.\r\n--not-the-boundary\r\n"u8.ToArray(), .. body], "added a preamble");

    private static (byte[], string) Epilogue(Random random, byte[] body, string boundary) =>
        ([.. body, .. MultipartFuzzer.Bytes(random, random.Next(1, 200))], "added random bytes after the end");

    private static (byte[], string) Twice(Random random, byte[] body, string boundary) => ([.. body, .. body], "the body twice");

    private static byte[] Flip(Random random, byte[] body, int position)
    {
        var copy = (byte[])body.Clone();
        if (position < copy.Length)
        {
            copy[position] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static List<int> Occurrences(byte[] body, byte[] pattern)
    {
        var positions = new List<int>();
        for (var start = 0; start <= body.Length - pattern.Length;)
        {
            var found = body.AsSpan(start).IndexOf(pattern);
            if (found < 0)
            {
                break;
            }

            positions.Add(start + found);
            start += found + 1;
        }

        return positions;
    }
}
