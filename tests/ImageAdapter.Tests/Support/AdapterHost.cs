namespace ImageAdapter.Tests.Support;

/// <summary>The two ways the adapter runs: the standalone server, and the Functions app under the real Functions host.</summary>
public enum AdapterHost
{
    Server,
    Functions,
}

/// <summary>Picks a host at the type level, so one abstract test class runs once per host through two one-line subclasses.</summary>
public interface IHostKind
{
    static abstract AdapterHost Host { get; }
}

/// <summary>The standalone server (<c>src/ImageAdapter.Server</c>).</summary>
public sealed class OnServer : IHostKind
{
    public static AdapterHost Host => AdapterHost.Server;
}

/// <summary>The Functions app (<c>src/ImageAdapter.Functions</c>, published) under the real Azure Functions host.</summary>
public sealed class OnFunctions : IHostKind
{
    public static AdapterHost Host => AdapterHost.Functions;
}
