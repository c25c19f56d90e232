using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Secrets;

/// <summary>
/// One Key Vault secret held in memory. Nothing is read until the first caller asks (Flex Consumption allows 30 s
/// for start-up); a value is served for <see cref="KeyVaultOptions.CacheTtl"/>; at most one read is in flight, and
/// every caller arriving meanwhile awaits it. When a read fails the last good value keeps being served (Key Vault
/// guidance: re-read only when the cached copy stops working) and the next attempt waits a short back-off.
/// </summary>
internal sealed class KeyVaultSecretCache
{
    /// <summary>Longest wait before retrying the vault after a failed read while a stale value is served.</summary>
    internal static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(30);

    private readonly SecretClient client;
    private readonly TimeProvider time;
    private readonly TimeSpan ttl;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private CachedSecret? current;
    private Task<CachedSecret>? inflight;

    public KeyVaultSecretCache(SecretClient client, string secretName, TimeSpan ttl, TimeProvider time, ILogger logger)
    {
        this.client = client;
        SecretName = secretName;
        this.ttl = ttl;
        this.time = time;
        this.logger = logger;
    }

    public string SecretName { get; }

    /// <summary>The cached value while fresh, else the result of one (shared) read.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && time.GetUtcNow() < snapshot.RefreshAfter)
        {
            SecretCacheMetrics.Hit(SecretName);
            return snapshot.Value;
        }

        SecretCacheMetrics.Miss(SecretName);
        return (await ReadSharedAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>
    /// The upstream rejected a value (<paramref name="isRejected"/> recognises it). If the cache already holds
    /// another value it is the newer one; otherwise read the vault once (shared). A read that confirms the rejected
    /// value is not repeated for a short while, so a wrong key in the vault cannot turn every request into a read.
    /// </summary>
    public async ValueTask<string> ReloadIfCurrentAsync(Func<string, bool> isRejected, CancellationToken cancellationToken)
    {
        Task<CachedSecret> read;
        lock (gate)
        {
            // Checked under the lock: a read that finished meanwhile has already replaced the rejected value.
            var snapshot = current;
            if (snapshot is not null && !isRejected(snapshot.Value))
            {
                return snapshot.Value;
            }

            if (snapshot is { ConfirmedAfterRejection: true } && time.GetUtcNow() - snapshot.ReadAt < Backoff)
            {
                return snapshot.Value;
            }

            if (inflight is null)
            {
                SecretSourceLog.ReloadAfterRejection(logger, SecretName);
            }

            read = inflight ??= ReadAsync();
        }

        var fresh = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (isRejected(fresh.Value))
        {
            Interlocked.CompareExchange(ref current, fresh with { ConfirmedAfterRejection = true }, fresh);
        }

        return fresh.Value;
    }

    private TimeSpan Backoff => ttl < FailureBackoff ? ttl : FailureBackoff;

    private Task<CachedSecret> ReadSharedAsync(CancellationToken cancellationToken)
    {
        Task<CachedSecret> task;
        lock (gate)
        {
            task = inflight ??= ReadAsync();
        }

        // The read itself is not cancelled with one caller: others may be waiting on it.
        return task.WaitAsync(cancellationToken);
    }

    private async Task<CachedSecret> ReadAsync()
    {
        // Leave the lock before any work, and make sure the task is stored before it can complete.
        await Task.Yield();
        try
        {
            return await ReadFromVaultAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                inflight = null;
            }
        }
    }

    private async Task<CachedSecret> ReadFromVaultAsync()
    {
        KeyVaultFailure failure;
        try
        {
            var secret = (await client.GetSecretAsync(SecretName, version: null, CancellationToken.None).ConfigureAwait(false)).Value;
            if (!string.IsNullOrEmpty(secret.Value))
            {
                var now = time.GetUtcNow();
                var fresh = new CachedSecret(secret.Value, now, now + ttl);
                Volatile.Write(ref current, fresh);
                SecretSourceLog.SecretRead(logger, SecretName, secret.Properties.Version, client.VaultUri);
                return fresh;
            }

            failure = new KeyVaultFailure(KeyVaultFailureReason.EmptyValue, 200, "", null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            failure = KeyVaultFailure.From(exception);
        }

        return Fallback(failure);
    }

    private CachedSecret Fallback(KeyVaultFailure failure)
    {
        LogReason(failure);
        var now = time.GetUtcNow();
        var stale = Volatile.Read(ref current);
        if (stale is null)
        {
            SecretSourceLog.NoValue(logger, SecretName, failure.Reason, failure.Status, failure.ErrorCode, failure.Exception);
            throw new KeyVaultReadException(failure);
        }

        SecretSourceLog.ServingCached(
            logger, SecretName, failure.Reason, failure.Status, failure.ErrorCode, now - stale.ReadAt, failure.Exception);
        var retained = stale with { RefreshAfter = now + Backoff };
        Volatile.Write(ref current, retained);
        return retained;
    }

    private void LogReason(KeyVaultFailure failure)
    {
        switch (failure.Reason)
        {
            case KeyVaultFailureReason.AccessDenied:
                SecretSourceLog.AccessDenied(logger, client.VaultUri, SecretName);
                break;
            case KeyVaultFailureReason.SecretNotFound:
                SecretSourceLog.SecretNotFound(logger, SecretName, client.VaultUri);
                break;
            case KeyVaultFailureReason.SecretDisabled:
                SecretSourceLog.SecretDisabled(logger, SecretName, client.VaultUri);
                break;
            case KeyVaultFailureReason.EmptyValue:
                SecretSourceLog.EmptyValue(logger, SecretName, client.VaultUri);
                break;
        }
    }

    private sealed record CachedSecret(string Value, DateTimeOffset ReadAt, DateTimeOffset RefreshAfter)
    {
        public bool ConfirmedAfterRejection { get; init; }
    }
}
