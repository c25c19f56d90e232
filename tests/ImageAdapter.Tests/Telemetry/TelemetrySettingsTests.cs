using ImageAdapter.Telemetry;

namespace ImageAdapter.Tests.Telemetry;

/// <summary>
/// Regression: a malformed Application Insights connection string stopped the process with a line that did not name
/// the setting, and an unparsable OTLP endpoint was ignored without a word (telemetry went to the SDK's default).
/// </summary>
public sealed class TelemetrySettingsTests
{
    private const string ConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;ApplicationId=11111111-1111-1111-1111-111111111111";

    [Theory]
    [InlineData(null, null)]
    [InlineData("", " ")]
    [InlineData(ConnectionString, "http://otel-collector:4318")]
    [InlineData(" instrumentationkey = 00000000-0000-0000-0000-000000000000 ; ", "https://otel.example/")]
    public void Check_UnsetOrWellFormed_Passes(string? connectionString, string? otlpEndpoint)
    {
        Assert.Null(Record.Exception(() => TelemetrySettings.Check(connectionString, otlpEndpoint)));
    }

    [Theory]
    [InlineData("IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/")]
    [InlineData("InstrumentationKey=")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000000;Endpoint")]
    public void Check_MalformedConnectionString_NamesTheSettingNotTheValue(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TelemetrySettings.Check(connectionString, null));

        Assert.StartsWith("APPLICATIONINSIGHTS_CONNECTION_STRING is not an Application Insights connection string", error.Message);
        Assert.DoesNotContain("00000000", error.Message);
    }

    [Fact]
    public void Check_ConnectionStringOverTheDocumentedLength_Throws()
    {
        var tooLong = "InstrumentationKey=00000000-0000-0000-0000-000000000000;ApplicationId=" + new string('a', 4096);

        Assert.Throws<InvalidOperationException>(() => TelemetrySettings.Check(tooLong, null));
    }

    [Theory]
    [InlineData("otel-collector:4318")]
    [InlineData("/v1/traces")]
    [InlineData("grpc://otel-collector:4317")]
    public void Check_OtlpEndpointNotAnHttpUri_NamesTheSettingAndTheValue(string endpoint)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TelemetrySettings.Check(null, endpoint));

        Assert.Equal($"OTEL_EXPORTER_OTLP_ENDPOINT is '{endpoint}', which is not an absolute http:// or https:// URI " +
            "(for example http://otel-collector:4318), or leave it unset.", error.Message);
    }
}
