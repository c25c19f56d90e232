using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Storage;

/// <summary>
/// Holds one user delegation key for the process instead of asking Entra-backed storage for one per image. A SAS
/// signed with a key stops working when the key expires, so the key must outlive every URL signed with it: it is
/// requested for <c>UrlLifetime + 1 day</c> and renewed once less than <c>UrlLifetime + 5 minutes</c> remain.
/// Concurrent callers share one renewal.
/// </summary>
internal sealed class UserDelegationKeyCache(
    Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDelegationKey>> requestKey,
    TimeSpan urlLifetime,
    TimeProvider time,
    ILogger<UserDelegationKeyCache> logger)
{
    /// <summary>How long a key is requested for beyond the URL lifetime; well under the 7-day maximum.</summary>
    public static readonly TimeSpan KeyHeadroom = TimeSpan.FromDays(1);

    /// <summary>Renewal starts this long before a key would be too short-lived to sign a full-lifetime URL.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    /// <summary>The key's start is back-dated, as Azure recommends, to tolerate clock skew between us and storage.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The cache over <paramref name="service"/>'s <c>Get User Delegation Key</c> (needs a token credential).</summary>
    public static UserDelegationKeyCache For(
        BlobServiceClient service, TimeSpan urlLifetime, TimeProvider time, ILogger<UserDelegationKeyCache> logger) =>
        new(async (startsOn, expiresOn, cancellationToken) => (await service.GetUserDelegationKeyAsync(startsOn, expiresOn, cancellationToken)).Value,
            urlLifetime, time, logger);

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile UserDelegationKey? _key;

    public async ValueTask<UserDelegationKey> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } current && IsFresh(current))
        {
            return current;
        }

        await _renewal.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } renewed && IsFresh(renewed))
            {
                return renewed;
            }

            var now = time.GetUtcNow();
            var key = await requestKey(now - ClockSkew, now + urlLifetime + KeyHeadroom, cancellationToken);
            StorageLog.DelegationKeyObtained(logger, key.SignedExpiresOn);
            _key = key;
            return key;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private bool IsFresh(UserDelegationKey key) => key.SignedExpiresOn - time.GetUtcNow() > urlLifetime + RenewalMargin;
}
