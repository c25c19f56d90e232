using System.Text;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// Changes to a form's parts before it is written: parts dropped, repeated or renamed, values of the wrong type or no
/// text at all, images that are random or cut bytes, a mask, a nested multipart part, huge or broken header lines.
/// Each returns what it did, for the failure message.
/// </summary>
internal static class PartMutations
{
    private static readonly string[] FieldNames =
    [
        "model", "prompt", "n", "size", "output_format", "output_compression", "response_format", "background", "quality",
        "input_fidelity", "user", "stream", "partial_images", "seed", "safety_tolerance", "prompt_upsampling", "aspect_ratio",
        "image", "image[]", "mask", "style", "negative_prompt", "images[]", "Image", "image[0]", "", " ", "na\"me", "\u00e9\u00e8", "\ud83e\udd8a",
    ];

    private static readonly string[] NastyValues =
    [
        "", " ", "-1", "0", "11", "1.5", "1e400", "99999999999999999999", "NaN", "true", "null", "abc", "\u0000", "\ufeff1",
        "webp", "url", "transparent", "99999x99999", "1:0", "7", "\ud83e\udd8a", "a\r\nb", new string('x', 5000),
    ];

    private static readonly Func<Random, List<EditFormPart>, string>[] Mutations =
    [
        Drop, Duplicate, Rename, RandomImage, CutImage, NastyValue, InvalidUtf8, AddMask, AddNested, HugeHeader, BrokenDisposition,
        AddRandomField, ExtraHeader,
    ];

    public static string Apply(Random random, List<EditFormPart> parts) => Mutations[random.Next(Mutations.Length)](random, parts);

    private static string Drop(Random random, List<EditFormPart> parts)
    {
        if (parts.Count == 0)
        {
            return "no part to drop";
        }

        var index = random.Next(parts.Count);
        var name = parts[index].Name;
        parts.RemoveAt(index);
        return $"dropped '{name}'";
    }

    private static string Duplicate(Random random, List<EditFormPart> parts)
    {
        if (parts.Count == 0)
        {
            return "no part to repeat";
        }

        var part = parts[random.Next(parts.Count)];
        parts.Insert(random.Next(parts.Count + 1), part);
        return $"repeated '{part.Name}'";
    }

    private static string Rename(Random random, List<EditFormPart> parts)
    {
        if (parts.Count == 0)
        {
            return "no part to rename";
        }

        var index = random.Next(parts.Count);
        var old = parts[index];
        var name = random.Next(3) == 0 ? RandomText(random, 12) : FieldNames[random.Next(FieldNames.Length)];
        var headers = old.Headers.Select(header => header.Replace($"name=\"{old.Name}\"", $"name=\"{name}\"", StringComparison.Ordinal)).ToArray();
        parts[index] = old with { Name = name, Headers = headers };
        return $"renamed '{old.Name}' to '{name}'";
    }

    private static string RandomImage(Random random, List<EditFormPart> parts) =>
        ReplaceImage(parts, MultipartFuzzer.Bytes(random, random.Next(0, 3000)), "random bytes");

    private static string CutImage(Random random, List<EditFormPart> parts)
    {
        var image = parts.FirstOrDefault(IsImage);
        return image is null ? "no image to cut" : ReplaceImage(parts, image.Content[..random.Next(image.Content.Length)], "cut bytes");
    }

    private static string ReplaceImage(List<EditFormPart> parts, byte[] bytes, string what)
    {
        var index = parts.FindIndex(IsImage);
        if (index < 0)
        {
            return "no image to replace";
        }

        parts[index] = parts[index] with { Content = bytes };
        return $"image is {bytes.Length} {what}";
    }

    private static string NastyValue(Random random, List<EditFormPart> parts)
    {
        var field = FieldNames[random.Next(17)];
        var value = NastyValues[random.Next(NastyValues.Length)];
        parts.RemoveAll(part => part.Name == field);
        parts.Insert(random.Next(parts.Count + 1), EditFormPart.Field(field, value));
        return $"{field}='{(value.Length > 40 ? $"{value[..10]}…({value.Length} chars)" : value)}'";
    }

    private static string InvalidUtf8(Random random, List<EditFormPart> parts)
    {
        var field = FieldNames[random.Next(17)];
        parts.RemoveAll(part => part.Name == field);
        parts.Add(EditFormPart.Field(field, "") with { Content = [0x66, 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80] });
        return $"{field} is not UTF-8";
    }

    private static string AddMask(Random random, List<EditFormPart> parts)
    {
        var input = EditInput.All[random.Next(EditInput.All.Count)];
        parts.Add(new EditForm().File("mask", input).Parts[0]);
        return "added a mask";
    }

    private static string AddNested(Random random, List<EditFormPart> parts)
    {
        const string inner = "inner-boundary-42";
        var content = EditForm.Serialize(inner, [EditFormPart.Field("prompt", "nested"), new EditForm().File("image", EditInput.Png).Parts[0]]);
        var name = random.Next(2) == 0 ? "image" : "prompt";
        parts.RemoveAll(part => part.Name == name);
        parts.Add(new EditFormPart(name, content, [$"Content-Disposition: form-data; name=\"{name}\"", $"Content-Type: multipart/mixed; boundary={inner}"]));
        return $"'{name}' is a nested multipart/mixed body";
    }

    private static string HugeHeader(Random random, List<EditFormPart> parts)
    {
        if (parts.Count == 0)
        {
            return "no part for a huge header";
        }

        var index = random.Next(parts.Count);
        var length = random.Next(2) == 0 ? random.Next(1000, 20_000) : random.Next(16_000, 200_000);
        var header = random.Next(2) == 0 ? $"X-Pad: {new string('a', length)}" : $"Content-Disposition: form-data; name=\"{new string('n', length)}\"";
        parts[index] = parts[index] with { Headers = [.. parts[index].Headers, header] };
        return $"a {length}-byte header line on '{parts[index].Name}'";
    }

    private static string BrokenDisposition(Random random, List<EditFormPart> parts)
    {
        if (parts.Count == 0)
        {
            return "no part to break";
        }

        string[] dispositions =
        [
            "", "Content-Disposition: attachment; name=\"prompt\"", "Content-Disposition: form-data", "Content-Disposition: form-data; name=",
            "Content-Disposition: form-data; name=\"model\"; name=\"prompt\"", "Content-Disposition: form-data; name*=UTF-8''%E2%9C%93",
            "Content-Disposition: form-data; name=\"unterminated", "Content-Disposition form-data; name=\"prompt\"", "Content-Disposition: ;;;",
            "content-disposition: FORM-DATA; NAME=prompt", "Content-Disposition: form-data; name=\"image\"; filename=\"../../etc/passwd\"",
        ];
        var index = random.Next(parts.Count);
        var disposition = dispositions[random.Next(dispositions.Length)];
        var others = parts[index].Headers.Where(header => !header.StartsWith("Content-Disposition", StringComparison.Ordinal));
        parts[index] = parts[index] with { Headers = disposition.Length == 0 ? [.. others] : [disposition, .. others] };
        return $"'{parts[index].Name}' has disposition '{disposition}'";
    }

    private static string AddRandomField(Random random, List<EditFormPart> parts)
    {
        var name = RandomText(random, random.Next(1, 30));
        parts.Insert(random.Next(parts.Count + 1), EditFormPart.Field(name, RandomText(random, 20)));
        return $"added field '{name}'";
    }

    private static string ExtraHeader(Random random, List<EditFormPart> parts)
    {
        if (parts.Count == 0)
        {
            return "no part for a header";
        }

        string[] headers = ["Content-Transfer-Encoding: base64", "Content-Type: text/plain; charset=utf-16", "Content-Length: 99999999", "X-Empty:", ": no name", "Content-Type: image/png"];
        var index = random.Next(parts.Count);
        var header = headers[random.Next(headers.Length)];
        parts[index] = parts[index] with { Headers = [.. parts[index].Headers, header] };
        return $"'{parts[index].Name}' has header '{header}'";
    }

    private static bool IsImage(EditFormPart part) => part.Name is "image" or "image[]";

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0x80, 0x800),
                1 => (char)random.Next(0x21, 0x7F),
                _ => (char)random.Next('a', 'z' + 1),
            });
        }

        return text.ToString();
    }
}
