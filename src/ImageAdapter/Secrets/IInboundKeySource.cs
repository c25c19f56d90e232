namespace ImageAdapter.Secrets;

/// <summary>The adapter keys clients (the gateway) must present as <c>Authorization: Bearer</c>.</summary>
public interface IInboundKeySource
{
    /// <summary>Every live key; two can be live while the gateway's key is rotated.</summary>
    ValueTask<IReadOnlyList<string>> GetKeysAsync(CancellationToken cancellationToken);
}
