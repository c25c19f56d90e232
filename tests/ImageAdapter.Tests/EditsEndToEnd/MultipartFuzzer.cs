using System.Text;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// Makes edit requests for the fuzz test: a valid form in the shape an SDK sends (undici's, the Node SDK's or .NET's
/// boundary; fields, then the image), then changed part by part (<see cref="PartMutations"/>), byte by byte
/// (<see cref="ByteMutations"/>) and in its <c>Content-Type</c>; now and then a body of random bytes. Case
/// <c>i</c> of seed <c>s</c> is made from <c>new Random(s * 1,000,003 + i)</c> alone, so any case can be made again.
/// </summary>
internal static class MultipartFuzzer
{
    private static readonly string[] Models =
        ["flux-kontext-pro", "flux-kontext-max", "accounts/fireworks/models/flux-kontext-pro", "SSD-1B", "flux-1-schnell-fp8", "", "no-such-model"];

    private static readonly (string Name, string[] Values)[] OptionalFields =
    [
        ("n", ["1", "2"]),
        ("output_format", ["png", "jpeg"]),
        ("response_format", ["b64_json"]),
        ("seed", ["0", "42", "4294967295"]),
        ("aspect_ratio", ["1:1", "16:9", "9:16", "21:9"]),
        ("safety_tolerance", ["0", "1", "2"]),
        ("prompt_upsampling", ["true", "false"]),
        ("quality", ["auto", "high"]),
        ("background", ["auto", "opaque"]),
        ("input_fidelity", ["low", "high"]),
        ("user", ["user-1"]),
        ("stream", ["false"]),
    ];

    public static MultipartFuzzCase Make(int seed, int index)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var steps = new List<string>();
        var boundary = Boundary(random);
        string? contentType = $"multipart/form-data; boundary={boundary}";
        byte[] body;
        if (random.NextDouble() < 0.05)
        {
            body = new byte[random.Next(0, 4000)];
            random.NextBytes(body);
            steps.Add($"a body of {body.Length} random bytes");
        }
        else
        {
            var parts = BaseForm(random, steps);
            foreach (var _ in Enumerable.Range(0, Pick(random, [30, 35, 20, 15])))
            {
                steps.Add(PartMutations.Apply(random, parts));
            }

            body = EditForm.Serialize(boundary, parts);
            foreach (var _ in Enumerable.Range(0, Pick(random, [60, 30, 10])))
            {
                (body, var step) = ByteMutations.Apply(random, body, boundary);
                steps.Add(step);
            }
        }

        if (random.NextDouble() < 0.12)
        {
            (contentType, var step) = ContentTypeMutation(random, boundary);
            steps.Add(step);
        }

        var chunked = random.NextDouble() < 0.2;
        return new MultipartFuzzCase(seed, index, body, contentType, chunked, string.Join("; ", steps));
    }

    /// <summary>An index drawn with the given weights.</summary>
    public static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var index = 0; ; index++)
        {
            if ((roll -= weights[index]) < 0)
            {
                return index;
            }
        }
    }

    private static string Boundary(Random random) => random.Next(3) switch
    {
        0 => "----formdata-undici-0" + random.NextInt64(100_000_000_000, 999_999_999_999),
        1 => "openai-" + new string(Enumerable.Range(0, 11).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)]).ToArray()),
        _ => new Guid(Bytes(random, 16)).ToString(), // MultipartFormDataContent's default: a GUID
    };

    private static List<EditFormPart> BaseForm(Random random, List<string> steps)
    {
        var model = random.NextDouble() < 0.85 ? Models[random.Next(3)] : Models[random.Next(Models.Length)];
        var parts = new List<EditFormPart> { EditFormPart.Field("model", model), EditFormPart.Field("prompt", "make the fox blue") };
        foreach (var (name, values) in OptionalFields)
        {
            if (random.NextDouble() < 0.2)
            {
                parts.Add(EditFormPart.Field(name, values[random.Next(values.Length)]));
            }
        }

        var input = EditInput.All[random.Next(EditInput.All.Count)];
        var field = random.Next(4) == 0 ? "image[]" : "image";
        var declared = random.Next(3) == 0 ? "application/octet-stream" : input.ContentType;
        var image = new EditForm().File(field, input.Bytes, input.FileName, declared).Parts[0];
        parts.Insert(random.Next(4) == 0 ? 0 : parts.Count, image);
        steps.Add($"form [{string.Join(", ", parts.Select(part => part.Name == field ? $"{field}={input.Name} as {declared}" : $"{part.Name}={Encoding.UTF8.GetString(part.Content)}"))}]");
        return parts;
    }

    private static (string? ContentType, string Step) ContentTypeMutation(Random random, string boundary)
    {
        string?[] choices =
        [
            "multipart/form-data",
            "multipart/form-data; boundary=",
            $"multipart/form-data; boundary=\"{boundary}\"",
            $"multipart/form-data; boundary={boundary}x",
            $"multipart/form-data; boundary={new string('b', 71)}",
            $"multipart/form-data; boundary={boundary[..^1]}",
            $"MULTIPART/FORM-DATA; BOUNDARY={boundary}",
            $"multipart/form-data; boundary=other; boundary={boundary}",
            $"multipart/form-data; charset=utf-8; boundary={boundary}",
            $"multipart/mixed; boundary={boundary}",
            $"application/json; boundary={boundary}",
            $"multipart/form-data;boundary={boundary};",
            "text/plain",
            null,
        ];
        var contentType = choices[random.Next(choices.Length)];
        return (contentType, contentType is null ? "no Content-Type" : $"Content-Type '{contentType}'");
    }

    public static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
