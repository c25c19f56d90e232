using System.Text;
using ImageAdapter.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageAdapter.Tests.Telemetry;

public sealed class BatchedConsoleLoggerProviderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly CountingStream _output = new();
    private readonly ServiceProvider _services;
    private readonly BatchedConsoleLoggerProvider _provider;
    private readonly ILoggerFactory _factory;

    public BatchedConsoleLoggerProviderTests()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(console =>
                (console.SingleLine, console.IncludeScopes, console.ColorBehavior) = (true, true, LoggerColorBehavior.Disabled)))
            .BuildServiceProvider();
        _provider = new BatchedConsoleLoggerProvider(
            _services.GetServices<ConsoleFormatter>(), _services.GetRequiredService<IOptions<ConsoleLoggerOptions>>(), _output, _time);
        _factory = LoggerFactory.Create(logging => logging.AddProvider(_provider).SetMinimumLevel(LogLevel.Debug));
    }

    [Fact]
    public void Log_UntilTheIntervalEnds_NothingIsWrittenThenEveryLineInOneWrite()
    {
        var logger = _factory.CreateLogger("ImageAdapter.Http.AdapterEndpoint");

        using (logger.BeginScope("RequestId:{RequestId}", "req_1"))
        {
            logger.LogInformation(new EventId(7), "first {Status}", 200);
            logger.LogWarning("second");
        }

        logger.LogDebug("third");
        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _output.Writes);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(
            "info: ImageAdapter.Http.AdapterEndpoint[7] => RequestId:req_1 first 200\n"
            + "warn: ImageAdapter.Http.AdapterEndpoint[0] => RequestId:req_1 second\n"
            + "dbug: ImageAdapter.Http.AdapterEndpoint[0] third\n",
            _output.Text);
        Assert.Equal(1, _output.Writes);
    }

    [Fact]
    public void Log_AfterAWrite_TheNextBatchWaitsForItsOwnInterval()
    {
        var logger = _factory.CreateLogger("Category");
        logger.LogInformation("one");
        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval);

        logger.LogInformation("two");
        Assert.Equal("info: Category[0] one\n", _output.Text);

        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval);
        Assert.Equal("info: Category[0] one\ninfo: Category[0] two\n", _output.Text);
        Assert.Equal(2, _output.Writes);
    }

    [Fact]
    public void Log_PastTheMaximumPending_TheLoggingThreadWritesWithoutWaiting()
    {
        var logger = _factory.CreateLogger("Category");
        var line = new string('x', 1000);
        var record = $"info: Category[0] {line}\n";
        var filling = BatchedConsoleLoggerProvider.MaxPendingChars / record.Length;

        for (var i = 0; i < filling; i++)
        {
            logger.LogInformation("{Line}", line);
        }

        Assert.Equal(0, _output.Writes);
        logger.LogInformation("{Line}", line);

        Assert.Equal(1, _output.Writes);
        Assert.Equal(string.Concat(Enumerable.Repeat(record, filling + 1)), _output.Text);
    }

    [Fact]
    public void Dispose_WritesWhatIsPending()
    {
        _factory.CreateLogger("Category").LogError("before shutdown");

        _provider.Dispose();

        Assert.Equal("fail: Category[0] before shutdown\n", _output.Text);
    }

    [Fact]
    public void Log_AfterDispose_WrittenAtOnce()
    {
        var logger = _factory.CreateLogger("Category");
        _provider.Dispose();

        logger.LogWarning("during shutdown");

        Assert.Equal("warn: Category[0] during shutdown\n", _output.Text);
    }

    [Fact]
    public void Flush_StandardOutputClosed_LinesDiscardedAndLoggingGoesOn()
    {
        using var output = new ClosedStream();
        using var provider = new BatchedConsoleLoggerProvider(
            _services.GetServices<ConsoleFormatter>(), _services.GetRequiredService<IOptions<ConsoleLoggerOptions>>(), output, _time);
        var logger = provider.CreateLogger("Category");

        logger.LogInformation("lost");
        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval);
        logger.LogInformation("lost too");
        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval);

        Assert.Equal(2, output.Attempts);
    }

    [Fact]
    public void Log_NonAscii_WrittenAsUtf8()
    {
        _factory.CreateLogger("Category").LogInformation("café ☕");

        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval);

        Assert.Equal("info: Category[0] café ☕\n", _output.Text);
    }

    [Fact]
    public void AddBatchedConsole_ReplacesTheConsoleProviderAndKeepsItsConsoleRules()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:Console:LogLevel:Polly"] = "Debug",
            })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging
                .AddConfiguration(configuration.GetSection("Logging"))
                .AddConsole()
                .AddBatchedConsole(console => console.SingleLine = true))
            .BuildServiceProvider();

        var provider = Assert.Single(services.GetServices<ILoggerProvider>());
        Assert.IsType<BatchedConsoleLoggerProvider>(provider);
        var factory = services.GetRequiredService<ILoggerFactory>();
        Assert.True(factory.CreateLogger("Polly").IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger("Other").IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public void Log_FormatterNamedInTheSettings_FormatsTheRecords()
    {
        using var provider = new BatchedConsoleLoggerProvider(
            _services.GetServices<ConsoleFormatter>(), Options.Create(new ConsoleLoggerOptions { FormatterName = "json" }), _output, _time);

        provider.CreateLogger("Category").LogInformation("as {Shape}", "json");
        _time.Advance(BatchedConsoleLoggerProvider.FlushInterval);

        using var record = System.Text.Json.JsonDocument.Parse(_output.Text);
        Assert.Equal("as json", record.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public void Create_UnknownFormatterName_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BatchedConsoleLoggerProvider(
            _services.GetServices<ConsoleFormatter>(), Options.Create(new ConsoleLoggerOptions { FormatterName = "xml" }), _output, _time));

        Assert.Contains("Logging:Console:FormatterName", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _services.Dispose();
    }

    /// <summary>Standard output whose reader went away: every write fails.</summary>
    private sealed class ClosedStream : MemoryStream
    {
        public int Attempts { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Attempts++;
            throw new IOException("Broken pipe");
        }
    }

    /// <summary>Standard output as the provider sees it: the bytes, and how many writes reached it.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public string Text => Encoding.UTF8.GetString(ToArray());

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }
}
