namespace ImageAdapter.Bench;

/// <summary>
/// The components a CPU sample of a proxy, the Functions host or the adapter is charged to, in the order they are
/// tried: a sample goes to the first whose namespaces appear anywhere on its stack, so work done inside a function
/// invocation counts as the invocation's, not as Kestrel's that started the request, and the host's forwarding to its
/// worker counts as outgoing HTTP even where the invocation starts it. Samples on no listed frame
/// (the runtime's own threads, GC, the socket engine's event loop, the kernel) are "runtime and kernel".
/// </summary>
internal sealed record StackComponent(string Name, IReadOnlyList<string> Namespaces)
{
    public const string Rest = "runtime and kernel";

    public static IReadOnlyList<StackComponent> All { get; } =
    [
        new("logging", ["Microsoft.Extensions.Logging", "Microsoft.Azure.WebJobs.Host.Loggers", "Microsoft.Azure.WebJobs.Logging",
            "Microsoft.Azure.WebJobs.Script.Diagnostics", "Microsoft.Azure.WebJobs.Script.WebHost.Diagnostics"]),
        new("outgoing HTTP (YARP, HttpClient)", ["Yarp.", "System.Net.Http"]),
        new("host-worker gRPC", ["Grpc.", "Google.Protobuf", "System.Threading.Tasks.Dataflow", "Microsoft.Azure.WebJobs.Script.Grpc"]),
        new("function invocation", ["Microsoft.Azure.WebJobs.Host.Executors", "Microsoft.Azure.WebJobs.Host.Bindings",
            "Microsoft.Azure.WebJobs.Host.Triggers", "Microsoft.Azure.WebJobs.JobHost", "Microsoft.Azure.WebJobs.Script.Description",
            "Microsoft.Azure.WebJobs.Script.Middleware", "Microsoft.Azure.WebJobs.Script.WebHost.Features"]),
        new("host middleware", ["Microsoft.Azure.WebJobs.Script.WebHost.Middleware", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.HostFiltering"]),
        new("Kestrel and sockets", ["Microsoft.AspNetCore.Server.Kestrel", "System.Net.Sockets", "System.IO.Pipelines"]),
        new("idle thread-pool workers", ["System.Threading.LowLevelLifoSemaphore", "System.Threading.PortableThreadPool"]),
    ];

    /// <summary>
    /// The component of a stack given as its frames' method names, without signatures. A name may start with its module
    /// (<c>instance void [Module] Namespace.Type::Method</c> for precompiled code) or hold generic arguments, so namespaces are
    /// looked for anywhere in it.
    /// </summary>
    public static string Of(IReadOnlyCollection<string> methods) =>
        All.FirstOrDefault(component => methods.Any(method => component.Namespaces.Any(ns => method.Contains(ns, StringComparison.Ordinal))))?.Name
        ?? Rest;
}
