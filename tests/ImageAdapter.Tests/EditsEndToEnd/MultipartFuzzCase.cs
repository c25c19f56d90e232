using System.Text;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>One generated edit request: the body's bytes, its <c>Content-Type</c> (null: none), whether it goes chunked, and how it was made.</summary>
internal sealed record MultipartFuzzCase(int Seed, int Index, byte[] Body, string? ContentType, bool Chunked, string Description)
{
    /// <summary>How to make this case again, what it is, and the start of its body with control bytes escaped.</summary>
    public override string ToString()
    {
        var head = Encoding.Latin1.GetString(Body, 0, Math.Min(Body.Length, 600));
        var escaped = new StringBuilder();
        foreach (var c in head)
        {
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n\n",
                < ' ' or > '~' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return $"case {Index} of seed {Seed} (EDITS_FUZZ_SEED={Seed} EDITS_FUZZ_CASE={Index} runs it alone): {Description}; "
            + $"Content-Type: {ContentType ?? "(none)"}{(Chunked ? ", chunked" : "")}; {Body.Length} bytes:\n{escaped}";
    }
}
