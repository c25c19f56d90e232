using ImageAdapter.Storage;

namespace ImageAdapter.Tests.Storage;

/// <summary>The <c>Storage</c> section is checked at start-up, one message per mistake.</summary>
public sealed class StorageOptionsValidatorTests
{
    private const string DevConnectionString = "UseDevelopmentStorage=true";

    [Theory]
    [InlineData(null, null, "images", "01:00:00")]
    [InlineData("https://stimages.blob.core.windows.net/", null, "images", "01:00:00")]
    [InlineData(null, DevConnectionString, "images", "01:00:00")]
    [InlineData(null, DevConnectionString, "abc", "00:00:01")]
    [InlineData(null, DevConnectionString, "generated-images-2", "1.00:00:00")]
    public void Validate_GoodSettings_Succeeds(string? uri, string? connectionString, string container, string lifetime)
    {
        var result = new StorageOptionsValidator().Validate(null, Options(uri, connectionString, container, lifetime));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("https://stimages.blob.core.windows.net/", DevConnectionString, "images", "01:00:00", "not both")]
    [InlineData("http://stimages.blob.core.windows.net/", null, "images", "01:00:00", "Storage:BlobServiceUri")]
    [InlineData(null, "AccountName=x;NotAKey", "images", "01:00:00", "Storage:ConnectionString")]
    [InlineData(null, DevConnectionString, "Images", "01:00:00", "Storage:Container")]
    [InlineData(null, DevConnectionString, "im", "01:00:00", "Storage:Container")]
    [InlineData(null, DevConnectionString, "my--images", "01:00:00", "Storage:Container")]
    [InlineData(null, DevConnectionString, "images-", "01:00:00", "Storage:Container")]
    [InlineData(null, DevConnectionString, "images\n", "01:00:00", "Storage:Container")]
    [InlineData(null, DevConnectionString, "images", "00:00:00", "Storage:UrlLifetime")]
    [InlineData(null, DevConnectionString, "images", "-00:01:00", "Storage:UrlLifetime")]
    [InlineData(null, DevConnectionString, "images", "1.00:00:01", "Storage:UrlLifetime")]
    public void Validate_BadSetting_FailsNamingIt(string? uri, string? connectionString, string container, string lifetime, string expected)
    {
        var result = new StorageOptionsValidator().Validate(null, Options(uri, connectionString, container, lifetime));

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    private static StorageOptions Options(string? uri, string? connectionString, string container, string lifetime) => new()
    {
        BlobServiceUri = uri is null ? null : new Uri(uri),
        ConnectionString = connectionString,
        Container = container,
        UrlLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture),
    };
}
