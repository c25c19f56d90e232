using System.Net;
using ImageAdapter.Resilience;
using ImageAdapter.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImageAdapter.Tests.Security;

/// <summary>
/// Image bytes held by the requests of one instance count against <c>Adapter__MaxImageBytesInFlight</c>: a request
/// that would go beyond it is answered 429, and the bytes are given back once an answer is done. In-process server
/// only: the test reads the budget's count to know when the first request holds its bytes.
/// </summary>
public sealed class ImageMemoryBudgetTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Generate_BeyondTheImageBytesBudget_Answers429AndRecovers()
    {
        await using var upstream = await HostileUpstream.StartAsync();
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Fireworks:BaseUrl"] = upstream.BaseUrl.AbsoluteUri,
            ["Fireworks:MaxImageBytes"] = (16 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Adapter:MaxImageBytesInFlight"] = (16 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits:MaxInputImageBytes"] = (16 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Adapter:MaxRetries"] = "0",
        });
        var budget = app.Services.GetRequiredService<ImageMemoryBudget>();
        var release = new TaskCompletionSource();
        var calls = 0;
        upstream.Flux = async context =>
        {
            context.Response.ContentType = "image/png";
            if (Interlocked.Increment(ref calls) == 1)
            {
                // The first request holds 12 MiB and waits; the second brings 6 MiB more.
                await context.Response.Body.WriteAsync(new byte[12 * MiB]);
                await context.Response.Body.FlushAsync();
                await release.Task.WaitAsync(context.RequestAborted);
            }
            else if (calls == 2)
            {
                await context.Response.Body.WriteAsync(new byte[6 * MiB]);
            }
            else
            {
                await HostileUpstream.WritePngAsync(context);
            }
        };

        var holding = app.PostGenerationAsync(Body);
        await WaitUntilAsync(() => budget.HeldBytes >= 12 * MiB);
        using (var refused = await app.PostGenerationAsync(Body))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("rate_limit_exceeded", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        release.SetResult();
        using (var first = await holding)
        {
            // 12 MiB of zeros is not an image: what matters is that its bytes are given back.
            Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        }

        await WaitUntilAsync(() => budget.HeldBytes == 0);
        using var after = await app.PostGenerationAsync(Body);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    // Regression: a request's permits went back when its images arrived, so clients slow to read their answers held
    // image memory beyond Adapter__MaxConcurrentImages (64 clients of SDXL n=4 held 14 answers of 9 MB where 8 were
    // admitted). The answer here (2048x2048 noise, 17 MB of base64) is more than the sockets buffer, so it cannot
    // finish until the client reads it.
    [Fact]
    public async Task Generate_AnswerNotYetRead_KeepsItsPermitsUntilWritten()
    {
        var token = TestContext.Current.CancellationToken;
        await using var upstream = await HostileUpstream.StartAsync();
        var large = NoisePng(2048);
        upstream.Flux = context =>
        {
            context.Response.ContentType = "image/png";
            return context.Response.Body.WriteAsync(large, token).AsTask();
        };
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Fireworks:BaseUrl"] = upstream.BaseUrl.AbsoluteUri,
            ["Fireworks:MaxImageBytes"] = (16 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var limiter = app.Services.GetRequiredService<GenerationLimiter>();
        var idle = limiter.AvailablePermits;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);

        using var answer = await app.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(idle - 1, limiter.AvailablePermits);

        var body = await answer.Content.ReadAsByteArrayAsync(token);
        Assert.True(body.Length > 4 * large.Length / 3, $"{body.Length} bytes answered");
        await WaitUntilAsync(() => limiter.AvailablePermits == idle);
    }

    private static byte[] NoisePng(int side)
    {
        var pixels = new byte[side * side * 3];
        new Random(7).NextBytes(pixels);
        using var png = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WritePng(pixels, side, side, StbImageWriteSharp.ColorComponents.RedGreenBlue, png);
        return png.ToArray();
    }

    private const string Body = """{"model":"flux-1-schnell-fp8","prompt":"a fox"}""";

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); !condition(); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 60 s.");
        }
    }
}
