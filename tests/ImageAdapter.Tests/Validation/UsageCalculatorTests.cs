using ImageAdapter.Tests.Support;
using ImageAdapter.Usage;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Validation;

public sealed class UsageCalculatorTests
{
    [Fact]
    public void Calculate_PromptAndTwoImages_AppliesTheDocumentedRule()
    {
        var request = TestRequests.Validate("""{"model":"SSD-1B","prompt":"0123456789","negative_prompt":"ab","n":2}""");

        var usage = new UsageCalculator(Options.Create(new UsageOptions())).Calculate(request, [new(1024, 1024), new(1152, 896)]);

        // 12 characters / 4 = 3 input tokens; 1024 + 1008 output tokens.
        Assert.Equal((3, 2032, 2035, 3, 0),
            (usage.InputTokens, usage.OutputTokens, usage.TotalTokens, usage.InputTokensDetails.TextTokens, usage.InputTokensDetails.ImageTokens));
    }

    [Fact]
    public void Calculate_NegativePrompt_CountsAsInput()
    {
        var request = TestRequests.Validate("""{"model":"SSD-1B","prompt":"abcd","negative_prompt":"efgh"}""");

        var usage = new UsageCalculator(Options.Create(new UsageOptions())).Calculate(request, []);

        Assert.Equal(2, usage.InputTokens);
    }

    // A header can claim 2^31-1 pixels a side: the token count must not wrap into a wrong number.
    [Fact]
    public void Calculate_TokenCountBeyondInt_Throws()
    {
        var request = TestRequests.Validate("""{"model":"SSD-1B","prompt":"a"}""");

        Assert.Throws<OverflowException>(() =>
            new UsageCalculator(Options.Create(new UsageOptions())).Calculate(request, [new ImageSize(int.MaxValue, int.MaxValue)]));
    }

    [Fact]
    public void Calculate_CustomRule_RoundsUp()
    {
        var request = TestRequests.Validate("""{"model":"SSD-1B","prompt":"abcde"}""");
        var options = new UsageOptions { CharactersPerToken = 2, PixelsPerOutputToken = 1000 };

        var usage = new UsageCalculator(Options.Create(options)).Calculate(request, [new ImageSize(1024, 1024)]);

        Assert.Equal((3, 1049), (usage.InputTokens, usage.OutputTokens));
    }

    [Fact]
    public void Calculate_InputImageBytes_CountItsPixelsAsImageTokens()
    {
        var request = TestRequests.Validate("""{"model":"flux-kontext-pro","prompt":"abcdefgh"}""") with
        {
            InputImage = InputImage.FromBytes(new byte[1]) with { Size = new ImageSize(1000, 1001) },
        };

        var usage = new UsageCalculator(Options.Create(new UsageOptions())).Calculate(request, [new ImageSize(1024, 1024)]);

        // 8 characters / 4 = 2 text tokens; 1,001,000 pixels / 1024 = 977.5 → 978 image tokens.
        Assert.Equal((980, 2, 978, 1024, 2004),
            (usage.InputTokens, usage.InputTokensDetails.TextTokens, usage.InputTokensDetails.ImageTokens, usage.OutputTokens, usage.TotalTokens));
    }

    [Fact]
    public void Calculate_InputImageUrl_CountsOneMegapixel()
    {
        var request = TestRequests.Validate("""{"model":"flux-kontext-pro","prompt":"abcd","image":"https://example.com/a.png"}""");

        var usage = new UsageCalculator(Options.Create(new UsageOptions { PixelsPerOutputToken = 4096 })).Calculate(request, []);

        Assert.Equal((257, 256), (usage.InputTokens, usage.InputTokensDetails.ImageTokens));
    }
}
