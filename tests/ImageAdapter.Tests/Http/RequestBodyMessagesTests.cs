using System.Text;
using ImageAdapter.Errors;
using ImageAdapter.Http;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Http;

/// <summary>Client-facing messages name what to fix themselves (never "see the README"), and tell bad JSON from JSON nested too deep.</summary>
public sealed class RequestBodyMessagesTests
{
    [Fact]
    public async Task Read_InvalidJson_SaysInvalidWithThePosition()
    {
        var error = await ReadFailureAsync("""{"prompt": "a fox",}""");

        Assert.Equal(AdapterErrorKind.InvalidJson, error.Kind);
        Assert.StartsWith("The request body is not valid JSON (line 1, position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_JsonNestedTooDeep_SaysTooDeep()
    {
        var depth = new LimitsOptions().MaxJsonDepth;
        var error = await ReadFailureAsync($$"""{"prompt": "a fox", "x": {{new string('[', depth + 1)}}{{new string(']', depth + 1)}}}""");

        Assert.Equal(AdapterErrorKind.InvalidJson, error.Kind);
        Assert.StartsWith($"The request body is nested deeper than {depth} levels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"prompt": 5}""", "prompt", "a string")]
    [InlineData("""{"prompt": "a fox", "n": "two"}""", "n", "an integer")]
    [InlineData("""{"prompt": "a fox", "prompt_upsampling": "yes"}""", "prompt_upsampling", "a boolean")]
    public async Task Read_FieldOfTheWrongType_NamesTheExpectedType(string body, string field, string expected)
    {
        var error = await ReadFailureAsync(body);

        Assert.Equal(AdapterErrorKind.InvalidParameter, error.Kind);
        Assert.Equal(field, error.Param);
        Assert.Equal($"Invalid type for '{field}': expected {expected}.", error.Message);
    }

    [Fact]
    public void Validate_UnknownField_ListsTheAcceptedFields()
    {
        var error = Assert.Throws<AdapterException>(() => TestRequests.Validate("""{"prompt": "a fox", "colour": "red"}"""));

        Assert.Equal(AdapterErrorKind.UnknownParameter, error.Kind);
        Assert.Contains("'colour'. Accepted fields: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("output_format", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("README", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("UnknownFields", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<AdapterException> ReadFailureAsync(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var reader = new RequestBodyReader(Options.Create(new LimitsOptions()));
        return await Assert.ThrowsAsync<AdapterException>(() => reader.ReadAsync(context.Request, TestContext.Current.CancellationToken));
    }
}
