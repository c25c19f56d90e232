using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.InputHardening;

/// <summary>
/// CsCheck generators for hostile requests: valid requests of every family, then mutated (fields dropped, repeated,
/// retyped, random unicode, huge numbers, nested garbage, unknown fields) and damaged as text or bytes (truncated,
/// bytes flipped); content types, <c>Authorization</c> values and other headers, mostly right, sometimes garbage.
/// </summary>
internal static class FuzzGenerators
{
    private static readonly string[] ValidBodies =
    [
        """{"model":"SSD-1B","prompt":"a red fox"}""",
        """{"model":"stable-diffusion-xl-1024-v1-0","prompt":"a red fox","n":2,"size":"1152x896","negative_prompt":"blur","seed":7,"steps":20,"cfg_scale":6}""",
        """{"model":"flux-1-schnell-fp8","prompt":"a red fox","size":"1792x1024","output_format":"jpeg","output_compression":70}""",
        """{"model":"accounts/fireworks/models/flux-1-dev-fp8","prompt":"a red fox","aspect_ratio":"16:9","guidance_scale":3.5}""",
        """{"model":"flux-kontext-pro","prompt":"a red fox","aspect_ratio":"7:4","safety_tolerance":2,"prompt_upsampling":false}""",
        """{"model":"SSD-1B","prompt":"a red fox","response_format":"b64_json","quality":"auto","style":"vivid","user":"u1","stream":false}""",
    ];

    private static readonly string[] FieldNames =
    [
        "model", "prompt", "n", "size", "quality", "response_format", "output_format", "output_compression", "stream",
        "partial_images", "background", "moderation", "style", "user", "negative_prompt", "seed", "steps",
        "num_inference_steps", "cfg_scale", "guidance_scale", "sampler", "safety_check", "safety_tolerance",
        "prompt_upsampling", "aspect_ratio", "image", "mask", "Model", "__proto__", "",
    ];

    private static readonly string[] NastyNumbers =
    [
        "0", "-1", "1.5", "1e400", "-1e400", "99999999999999999999", "-9223372036854775809", "4294967296", "1e-400",
        "2147483648", "0.0000001", "-0", "1E2", "NaN", "Infinity", "01", "+1", ".5",
    ];

    private static readonly string[] NastyStrings =
    [
        "", " ", "\u0000", "\ud83e\udd8a", "\u202e\u0041", "a\nb", "\\", "\"", "auto", "1024x1024", "0x0", "99999x99999",
        "-1x-1", "1:0", "0:1", "png", "webp", "url", "jpeg", "\ufeff", "<script>", "%00", "{{prompt}}", "\ud800", "a\udc00b",
    ];

    public static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (2, Gen.Char[' ', '~']),
        (2, Gen.Char['\u0080', '\ud7ff']),
        (1, Gen.Char['\ue000', '\uffff']),
        (1, Gen.Char['\u0000', '\u001f']),
        (1, Gen.Char['\ud800', '\udfff']));

    private static readonly Gen<string> UnicodeString = Gen.String[AnyChar, 0, 40];

    /// <summary>A JSON value of any type, nested up to a few levels.</summary>
    private static readonly Gen<JsonNode?> AnyValue = Gen.Recursive<JsonNode?>((depth, self) => depth >= 3
        ? Scalar()
        : Gen.Frequency(
            (6, Scalar()),
            (1, self.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Select(Gen.OneOf(FieldNames), self).Array[0, 3].Select(pairs =>
            {
                var obj = new JsonObject();
                foreach (var (name, value) in pairs)
                {
                    obj[name] = value;
                }

                return (JsonNode?)obj;
            }))));

    private static Gen<JsonNode?> Scalar() => Gen.Frequency(
        (2, UnicodeString.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf(NastyStrings).Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)));

    /// <summary>A change to the parsed request object; applied in order, each may pick a field by index.</summary>
    private static readonly Gen<Action<JsonObject>> ObjectMutation = Gen.Frequency(
        (3, Gen.Int[0, 100].Select<int, Action<JsonObject>>(i => o => { if (o.Count > 0) { o.Remove(o.ElementAt(i % o.Count).Key); } })),
        (3, Gen.Select(Gen.OneOf(FieldNames), AnyValue).Select<(string, JsonNode?), Action<JsonObject>>(p => o => o[p.Item1] = p.Item2)),
        (2, Gen.Select(Gen.Int[0, 100], AnyValue).Select<(int, JsonNode?), Action<JsonObject>>(p => o =>
        {
            if (o.Count > 0) { o[o.ElementAt(p.Item1 % o.Count).Key] = p.Item2; }
        })),
        (1, Gen.Select(Gen.OneOf(FieldNames), Gen.Int[0, 300]).Select<(string, int), Action<JsonObject>>(p => o =>
            o[p.Item1] = new string('\u00e9', p.Item2 * 20))),
        (1, Gen.Select(UnicodeString, AnyValue).Select<(string, JsonNode?), Action<JsonObject>>(p => o => o[p.Item1] = p.Item2)));

    /// <summary>
    /// A change to the serialized text, where JSON's own rules can be broken.
    /// </summary>
    private static readonly Gen<Func<string, string>> TextMutation = Gen.Frequency(
        (4, Gen.Const<Func<string, string>>(s => s)),
        (1, Gen.Double[0, 1].Select<double, Func<string, string>>(f => s => s[..(int)(s.Length * f)])),
        (1, Gen.Select(Gen.OneOf(FieldNames), Gen.OneOf(NastyNumbers)).Select<(string, string), Func<string, string>>(p => s =>
            s.Length > 1 ? $"{{\"{p.Item1}\":{p.Item2}," + s[1..] : s)),
        (1, Gen.Int[0, 100].Select<int, Func<string, string>>(i => s =>
            s.Length > 1 ? "{\"prompt\":\"dup\"," + s[1..] : s)),
        (1, Gen.Const<Func<string, string>>(s => s.Length > 1 ? "{\"\\ud800\":1," + s[1..] : s)),
        (1, Gen.Int[1, 40].Select<int, Func<string, string>>(depth => s =>
            s.Length > 1 ? $"{{\"x\":{new string('[', depth)}{new string(']', depth)}," + s[1..] : s)),
        (1, Gen.Select(Gen.Double[0, 1], UnicodeString).Select<(double, string), Func<string, string>>(p => s =>
            s.Insert((int)(s.Length * p.Item1), p.Item2))),
        (1, Gen.OneOf<Func<string, string>>(
            _ => "", _ => "null", _ => "[]", _ => "\"text\"", _ => "42", _ => "{}", s => s + s, s => $"[{s}]", s => " \n\t" + s + " \n",
            s => "\ufeff" + s, s => s.Replace("a red fox", "a \\ud83e red fox"), s => s.Replace("a red fox", "a \\udc00\\ud800"), s => s.Replace("\"", "'"), s => s.Replace(":", "="), s => s + "garbage")));

    /// <summary>A change to the encoded bytes: invalid UTF-8 and the like.</summary>
    private static readonly Gen<Func<byte[], byte[]>> ByteMutation = Gen.Frequency(
        (8, Gen.Const<Func<byte[], byte[]>>(b => b)),
        (1, Gen.Select(Gen.Double[0, 1], Gen.Byte).Select<(double, byte), Func<byte[], byte[]>>(p => b =>
        {
            if (b.Length == 0) { return b; }
            var copy = (byte[])b.Clone();
            copy[(int)((b.Length - 1) * p.Item1)] = p.Item2;
            return copy;
        })),
        (1, Gen.Byte.Array[1, 16].Select<byte[], Func<byte[], byte[]>>(junk => b => [.. b, .. junk])));

    public static readonly Gen<byte[]> Body = Gen.Select(
        Gen.OneOf(ValidBodies), ObjectMutation.Array[0, 3], TextMutation, ByteMutation,
        (valid, objectMutations, text, bytes) =>
        {
            var obj = JsonNode.Parse(valid)!.AsObject();
            foreach (var mutate in objectMutations)
            {
                mutate(obj);
            }

            return bytes(Encoding.UTF8.GetBytes(text(obj.ToJsonString())));
        });

    /// <summary>Visible ASCII and tabs only: what HttpClient will send and Kestrel will hand to the app.</summary>
    private static readonly Gen<string> HeaderGarbage = Gen.String[Gen.Frequency((20, Gen.Char[' ', '~']), (1, Gen.Const('\t'))), 0, 60]
        .Select(s => s.Trim());

    public static readonly Gen<string?> ContentType = Gen.Frequency(
        (12, Gen.Const<string?>("application/json")),
        (2, Gen.OneOf<string?>(
            "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"",
            "application/json; charset=utf-16", "application/json; foo=bar", "text/json", "application/problem+json", "text/plain",
            "application/x-www-form-urlencoded", "multipart/form-data", "application/octet-stream", "*/*", "application/*",
            "application/json; charset=", "application/json;;", ";", "", null)),
        (1, HeaderGarbage.Select(s => (string?)s)));

    public static readonly Gen<string?> Authorization = Gen.Frequency(
        (12, Gen.Const<string?>($"Bearer {AdapterApp.InboundKey}")),
        (1, Gen.OneOf<string?>(
            $"bearer {AdapterApp.InboundKey}", $"BEARER   {AdapterApp.InboundKey}  ", $"Bearer {AdapterApp.InboundKey}x", "Bearer",
            "Bearer ", $"Basic {AdapterApp.InboundKey}", AdapterApp.InboundKey, "", null, $"Bearer {AdapterApp.InboundKey},Bearer x")),
        (1, HeaderGarbage.Select(s => (string?)s)));

    private static readonly string[] HeaderNames =
    [
        "X-Garbage", "Accept", "Accept-Encoding", "Accept-Language", "Cookie", "x-api-key", "x-request-id", "X-Forwarded-For",
        "X-Forwarded-Host", "X-Forwarded-Proto", "Origin", "Referer", "User-Agent", "OpenAI-Organization", "OpenAI-Project",
        "Content-Language", "If-None-Match", "Range", "Prefer", "traceparent", "tracestate", "baggage",
    ];

    public static readonly Gen<(string, string)[]> Headers = Gen.Frequency(
        (3, Gen.Const(Array.Empty<(string, string)>())),
        (2, Gen.Select(Gen.OneOf(HeaderNames), HeaderGarbage).Array[1, 5]));

    public static readonly Gen<FuzzCase> Case = Gen.Select(
        Body, ContentType, Authorization, Headers, Gen.Int[0, 9],
        (body, contentType, authorization, headers, chunked) => new FuzzCase(body, contentType, authorization, headers, chunked == 0));
}
