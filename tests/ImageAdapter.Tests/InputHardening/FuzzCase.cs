using System.Text;

namespace ImageAdapter.Tests.InputHardening;

/// <summary>One generated request: body bytes, how they are framed, and the headers sent with them.</summary>
public sealed record FuzzCase(byte[] Body, string? ContentType, string? Authorization, IReadOnlyList<(string Name, string Value)> Headers, bool Chunked)
{
    public override string ToString()
    {
        var body = Encoding.UTF8.GetString(Body);
        return $"Content-Type: {ContentType ?? "(none)"}; Authorization: {Authorization ?? "(none)"}; chunked: {Chunked}; " +
               $"headers: [{string.Join(", ", Headers.Select(h => $"{h.Name}: {h.Value}"))}]; body ({Body.Length} bytes): " +
               (body.Length <= 600 ? body : body[..600] + "…");
    }
}
