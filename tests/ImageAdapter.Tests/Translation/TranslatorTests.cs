using System.Text;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;
using ImageAdapter.Translation;

namespace ImageAdapter.Tests.Translation;

/// <summary>Golden URLs, headers and bodies per Fireworks API family.</summary>
public sealed class TranslatorTests
{
    public static TheoryData<string, string, string, string, string> Golden => new()
    {
        // request, path, accept, extra headers, body
        {
            """{"model":"stable-diffusion-xl-1024-v1-0","prompt":"a fox","size":"1152x896","negative_prompt":"blur","cfg_scale":7,"steps":30,"seed":42,"sampler":"K_EULER","safety_check":true}""",
            "image_generation/accounts/fireworks/models/stable-diffusion-xl-1024-v1-0", "image/png", "",
            """{"prompt":"a fox","negative_prompt":"blur","cfg_scale":7,"height":896,"width":1152,"sampler":"K_EULER","samples":1,"steps":30,"seed":42,"safety_check":true}"""
        },
        {
            """{"model":"accounts/fireworks/models/SSD-1B","prompt":"a fox","n":3}""",
            "image_generation/accounts/fireworks/models/SSD-1B", "application/json", "",
            """{"prompt":"a fox","samples":3}"""
        },
        {
            """{"model":"playground-v2-1024px-aesthetic","prompt":"a fox","output_format":"jpeg","num_inference_steps":20}""",
            "image_generation/accounts/fireworks/models/playground-v2-1024px-aesthetic", "image/jpeg", "",
            """{"prompt":"a fox","samples":1,"steps":20}"""
        },
        {
            """{"model":"flux-1-schnell-fp8","prompt":"a fox","size":"1792x1024","guidance_scale":3.5,"num_inference_steps":4,"seed":7}""",
            "workflows/accounts/fireworks/models/flux-1-schnell-fp8/text_to_image", "image/png", "",
            """{"prompt":"a fox","aspect_ratio":"16:9","guidance_scale":3.5,"num_inference_steps":4,"seed":7}"""
        },
        {
            """{"model":"flux-1-dev-fp8","prompt":"a fox","output_format":"jpeg","output_compression":80,"aspect_ratio":"9:21","cfg_scale":2,"steps":28}""",
            "workflows/accounts/fireworks/models/flux-1-dev-fp8/text_to_image", "image/jpeg", "Jpeg-Quality=80",
            """{"prompt":"a fox","aspect_ratio":"9:21","guidance_scale":2,"num_inference_steps":28}"""
        },
        {
            """{"model":"flux-kontext-pro","prompt":"a fox","size":"1792x1024","output_format":"jpeg","seed":3,"prompt_upsampling":true,"safety_tolerance":4}""",
            "workflows/accounts/fireworks/models/flux-kontext-pro", "application/json", "",
            """{"prompt":"a fox","aspect_ratio":"7:4","output_format":"jpeg","seed":3,"prompt_upsampling":true,"safety_tolerance":4}"""
        },
        {
            """{"model":"flux-kontext-max","prompt":"a fox"}""",
            "workflows/accounts/fireworks/models/flux-kontext-max", "application/json", "",
            """{"prompt":"a fox","output_format":"png"}"""
        },
        {
            """{"model":"flux-kontext-max","prompt":"a fox","image":"https://example.com/cat.png?sig=x%2By"}""",
            "workflows/accounts/fireworks/models/flux-kontext-max", "application/json", "",
            """{"prompt":"a fox","input_image":"https://example.com/cat.png?sig=x%2By","output_format":"png"}"""
        },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void ToCalls_Request_MatchesGoldenCall(string request, string path, string accept, string headers, string body)
    {
        var validated = TestRequests.Validate(request);

        var call = Assert.Single(TranslatorFor(validated.Model.Family).ToCalls(validated));

        Assert.Equal(path, call.Path);
        Assert.Equal(accept, call.Accept);
        Assert.Equal(headers, string.Join(";", call.Headers.Select(h => $"{h.Key}={h.Value}")));
        AssertJsonEqual(body, call.Body);
    }

    [Theory]
    [InlineData("flux-1-dev-fp8")]
    [InlineData("flux-kontext-pro")]
    public void ToCalls_FanOutFamilyWithSeed_OneCallPerImageWithConsecutiveSeeds(string model)
    {
        var validated = TestRequests.Validate($$"""{"model":"{{model}}","prompt":"a fox","n":3,"seed":4294967294}""");

        var calls = TranslatorFor(validated.Model.Family).ToCalls(validated);

        Assert.Equal([4294967294L, 4294967295L, 0L], calls.Select(call => JsonNode.Parse(call.Body)!["seed"]!.GetValue<long>()));
    }

    [Fact]
    public void ToCalls_FanOutWithoutSeed_SendsNoSeed()
    {
        var validated = TestRequests.Validate("""{"model":"flux-1-dev-fp8","prompt":"a fox","n":2}""");

        var calls = new FluxWorkflowTranslator().ToCalls(validated);

        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Null(JsonNode.Parse(call.Body)!["seed"]));
    }

    [Fact]
    public void PollCall_RequestId_PostsIdToGetResultOfTheModel()
    {
        var validated = TestRequests.Validate("""{"model":"flux-kontext-max","prompt":"a fox"}""");

        var call = KontextTranslator.PollCall(validated.Model, "abc-123");

        Assert.Equal("workflows/accounts/fireworks/models/flux-kontext-max/get_result", call.Path);
        AssertJsonEqual("""{"id":"abc-123"}""", call.Body);
    }

    [Fact]
    public void ReadArtifacts_ArrayWithPrefixAndFilter_DecodesEachAndFlagsFiltered()
    {
        var json = """[{"base64":"AQID","finishReason":"SUCCESS","seed":1},{"base64":"data:image/png;base64,BAUG","finishReason":"CONTENT_FILTERED","seed":2}]""";

        var images = SdxlTranslator.ReadArtifacts(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new byte[] { 1, 2, 3 }, images[0].Body.Decode());
        Assert.False(images[0].ContentFiltered);
        Assert.Equal(new byte[] { 4, 5, 6 }, images[1].Body.Decode());
        Assert.True(images[1].ContentFiltered);
    }

    [Fact]
    public void ReadPoll_ReadyAnswer_ReadsStatusAndSample()
    {
        var poll = KontextTranslator.ReadPoll(Encoding.UTF8.GetBytes(
            """{"id":"x","status":"Ready","result":{"sample":"https://cdn.example/x.png"},"progress":null,"details":null}"""));

        Assert.Equal("Ready", poll.Status);
        Assert.Equal("https://cdn.example/x.png", poll.Result?.Sample);
    }

    private static IFamilyTranslator TranslatorFor(ImageAdapter.Catalogue.ApiFamily family) =>
        new IFamilyTranslator[] { new SdxlTranslator(), new FluxWorkflowTranslator(), new KontextTranslator() }.Single(t => t.Family == family);

    private static void AssertJsonEqual(string expected, byte[] actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)),
            $"Expected {expected}\nActual   {Encoding.UTF8.GetString(actual)}");
}
