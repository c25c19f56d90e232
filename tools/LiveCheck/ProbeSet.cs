using System.Text.Json.Nodes;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// The probes of one run, cheapest first: refused requests (free unless Fireworks accepts them), one FLUX schnell image
/// per aspect ratio with few steps, the content filter, SDXL only if its model answers, and one Kontext image.
/// </summary>
internal static class ProbeSet
{
    public const string Schnell = "flux-1-schnell-fp8";
    public const string Sdxl = "stable-diffusion-xl-1024-v1-0";
    public const string SdxlBadSize = "SDXL: size outside the buckets";

    public static IReadOnlyList<Probe> For(LiveCheckOptions options)
    {
        var prompt = options.Prompt;
        var schnellPath = $"workflows/accounts/fireworks/models/{Schnell}/text_to_image";
        var probes = new List<Probe>
        {
            new("FLUX: unknown API key", ProbeKind.BadRequest, Schnell, 1, null,
                new DirectCall(schnellPath, "image/png", Json(("prompt", prompt), ("num_inference_steps", 1)), Authenticated: false)),
            new("FLUX: model Fireworks does not serve", ProbeKind.BadRequest, AdapterUnderTest.MissingModel, null,
                Json(("model", AdapterUnderTest.MissingModel), ("prompt", prompt))),
            new("FLUX: aspect ratio outside the enum", ProbeKind.BadRequest, Schnell, 1, null,
                new DirectCall(schnellPath, "image/png", Json(("prompt", prompt), ("aspect_ratio", "7:3"), ("num_inference_steps", 1)))),
            new($"Kontext: aspect ratio beyond 21:9", ProbeKind.BadRequest, options.KontextModel, null, null,
                new DirectCall($"workflows/accounts/fireworks/models/{options.KontextModel}", "application/json",
                    Json(("prompt", prompt), ("aspect_ratio", "30:1")))),
            new(SdxlBadSize, ProbeKind.BadRequest, Sdxl, 1, null,
                new DirectCall($"image_generation/accounts/fireworks/models/{Sdxl}", "image/png",
                    Json(("prompt", prompt), ("width", 1000), ("height", 1000), ("steps", 1), ("samples", 1)))),
        };

        foreach (var ratio in options.AspectRatios)
        {
            probes.Add(new($"FLUX schnell {ratio}", ratio == options.AspectRatios[0] ? ProbeKind.Generation : ProbeKind.Size,
                Schnell, options.FluxSteps,
                Json(("model", Schnell), ("prompt", prompt), ("aspect_ratio", ratio), ("num_inference_steps", options.FluxSteps))));
        }

        probes.Add(new("FLUX schnell with safety_check", ProbeKind.ContentFilter, Schnell, options.FluxSteps,
            Json(("model", Schnell), ("prompt", options.FilterPrompt), ("safety_check", true), ("num_inference_steps", options.FluxSteps))));
        probes.Add(new("SDXL 1024x1024", ProbeKind.Generation, Sdxl, options.SdxlSteps,
            Json(("model", Sdxl), ("prompt", prompt), ("size", "1024x1024"), ("steps", options.SdxlSteps)))
        {
            ServedCheck = SdxlBadSize,
        });
        probes.Add(new($"Kontext ({options.KontextModel}) 16:9", ProbeKind.Kontext, options.KontextModel, null,
            Json(("model", options.KontextModel), ("prompt", prompt), ("aspect_ratio", "16:9"))));
        return probes;
    }

    private static string Json(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject();
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body.ToJsonString();
    }
}
