using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Storage.Blobs;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Storage;

/// <summary>
/// Azurite's Blob service (<c>node_modules/.bin/azurite-blob</c>, pinned in the root <c>package.json</c>) on a free
/// loopback port with a temporary data folder; stopped with its whole process tree on dispose.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The documented, public development key of <c>devstoreaccount1</c> (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly string _location;
    private readonly StringBuilder _output;

    private Azurite(Process process, string location, StringBuilder output, int port)
    {
        _process = process;
        _location = location;
        _output = output;
        BlobEndpoint = new Uri($"http://127.0.0.1:{port}/{AccountName}");
    }

    public Uri BlobEndpoint { get; }

    public string ConnectionString => ConnectionStringWithKey(AccountKey);

    /// <summary><c>node_modules/.bin/azurite-blob</c>, installed the first time it is missing (<see cref="NodePackages"/>).</summary>
    private static Task<string> InstalledExecutableAsync() => NodePackages.EnsureAsync(Path.Combine(".bin", "azurite-blob"));

    public BlobServiceClient Client => new(ConnectionString);

    public string ConnectionStringWithKey(string key) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={key};BlobEndpoint={BlobEndpoint}/;";

    public static async Task<Azurite> StartAsync()
    {
        var executable = await InstalledExecutableAsync();

        var location = Directory.CreateTempSubdirectory("azurite-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--location", location, "--skipApiVersionCheck", "--loose", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        var process = Process.Start(start)!;
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new Azurite(process, location, output, port);
        await azurite.WaitUntilAnsweringAsync();
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left for the OS to clean.
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        // About a second on an idle machine; the generous deadline is for CI machines shared with other heavy jobs.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.Add(StartDeadline);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // Any HTTP answer (an anonymous list is refused with 4xx) means the service is up.
                using var response = await http.GetAsync(new Uri($"{BlobEndpoint}?comp=list"));
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        await DisposeAsync();
        throw new TimeoutException($"Azurite did not answer on {BlobEndpoint} within {StartDeadline.TotalSeconds} s:\n{Output}");
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
