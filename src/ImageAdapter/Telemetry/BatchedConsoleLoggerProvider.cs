using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Telemetry;

/// <summary>
/// Console logging that writes in batches. Each record is formatted on the thread that logs it, by the console formatter
/// the usual settings choose (<c>Logging:Console:FormatterName</c>, simple by default, with its options), and what
/// accumulated reaches standard output in one write, <see cref="FlushInterval"/> after the first record of a batch.
/// </summary>
/// <remarks>
/// <see cref="ConsoleLoggerProvider"/> wakes its own thread for every record and writes each one alone. On the bench's
/// two cores that cost 0.4 to 0.6 ms of CPU per access line, on an n=1 request that otherwise costs about 2.5 ms. Neither
/// a buffered standard output behind it nor a synchronous writer (a write per line) removed that; one write per batch
/// did (bench/results.md).
/// Nothing is dropped: past <see cref="MaxPendingChars"/> the thread that logs writes the batch itself, and once the
/// provider is disposed (host shutdown) what is pending is written and every later record is written at once. A process
/// that crashes loses at most one interval of lines. If standard output is closed, lines are discarded: logging must
/// not stop the server.
/// </remarks>
[ProviderAlias("Console")]
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Pending text beyond which the logging thread writes the batch itself (about 2,000 access lines).</summary>
    public const int MaxPendingChars = 1 << 20;

    [ThreadStatic]
    private static StringWriter? t_record;

    private readonly ConsoleFormatter _formatter;
    private readonly Stream _output;
    private readonly ITimer _timer;
    private readonly Lock _pendingGate = new();
    private readonly Lock _writeGate = new();
    private StringBuilder _pending = new();
    private StringBuilder _spare = new();
    private bool _flushScheduled;
    private bool _disposed;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public BatchedConsoleLoggerProvider(IEnumerable<ConsoleFormatter> formatters, IOptions<ConsoleLoggerOptions> options)
        : this(formatters, options, Console.OpenStandardOutput(), TimeProvider.System)
    {
    }

    internal BatchedConsoleLoggerProvider(
        IEnumerable<ConsoleFormatter> formatters, IOptions<ConsoleLoggerOptions> options, Stream output, TimeProvider time)
    {
        var name = options.Value.FormatterName ?? ConsoleFormatterNames.Simple;
        _formatter = formatters.FirstOrDefault(formatter => formatter.Name == name)
            ?? throw new InvalidOperationException($"Logging:Console:FormatterName: no console formatter is named '{name}'.");
        _output = output;
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ILogger CreateLogger(string categoryName) => new BatchedConsoleLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Writes what is pending now.</summary>
    public void Flush()
    {
        lock (_writeGate)
        {
            StringBuilder batch;
            lock (_pendingGate)
            {
                (batch, _pending, _spare) = (_pending, _spare, _pending);
                _flushScheduled = false;
            }

            if (batch.Length == 0)
            {
                return;
            }

            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(batch.Length));
            try
            {
                var length = 0;
                foreach (var chunk in batch.GetChunks())
                {
                    length += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(length));
                }

                _output.Write(bytes, 0, length);
                _output.Flush();
            }
            catch (IOException)
            {
                // Standard output is closed (its reader went away): the lines have nowhere to go.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }

            batch.Clear();
        }
    }

    public void Dispose()
    {
        lock (_pendingGate)
        {
            _disposed = true;
        }

        _timer.Dispose();
        Flush();
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        var record = t_record ??= new StringWriter(CultureInfo.InvariantCulture);
        var text = record.GetStringBuilder().Clear();
        _formatter.Write(entry, _scopes, record);
        if (text.Length == 0)
        {
            return;
        }

        bool writeNow;
        lock (_pendingGate)
        {
            _pending.Append(text);
            writeNow = _disposed || _pending.Length >= MaxPendingChars;
            if (!writeNow && !_flushScheduled)
            {
                _flushScheduled = true;
                _timer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
            }
        }

        if (writeNow)
        {
            Flush();
        }
    }

    private sealed class BatchedConsoleLogger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
