using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ImageAdapter.Telemetry;

/// <summary>Registers <see cref="BatchedConsoleLoggerProvider"/>.</summary>
public static class BatchedConsoleLoggingExtensions
{
    /// <summary>
    /// Console logging written in batches, formatted by the simple console formatter with <paramref name="configure"/>
    /// (or the formatter <c>Logging:Console:FormatterName</c> names). <c>Logging:Console</c> settings and filter rules
    /// apply as they do to the console provider of ASP.NET Core, which this one replaces.
    /// </summary>
    public static ILoggingBuilder AddBatchedConsole(this ILoggingBuilder logging, Action<SimpleConsoleFormatterOptions> configure)
    {
        // AddSimpleConsole registers the formatters and binds their options and Logging:Console; only its provider goes.
        logging.AddSimpleConsole(configure);
        logging.Services.Remove(logging.Services.Single(service =>
            service.ServiceType == typeof(ILoggerProvider) && service.ImplementationType == typeof(ConsoleLoggerProvider)));
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        return logging;
    }
}
