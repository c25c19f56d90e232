using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Storage;

/// <summary>
/// Holds one user delegation key for the process instead of asking Entra-backed storage for one per image. A SAS
/// signed with a key stops working when the key expires, so the key must outlive every URL signed with it, and it
/// should live no longer than that needs: a leaked key signs URLs until it expires. A key is therefore requested for
/// <c>UrlLifetime + RenewalMargin + ReusePeriod</c> and renewed once less than <c>UrlLifetime + RenewalMargin</c>
/// remain, so it signs URLs for one reuse period (the URL lifetime, at least <see cref="MinimumReusePeriod"/>) and every
/// URL it signed expires at least <see cref="RenewalMargin"/> before it does. With 60-minute URLs a key lives about two
/// hours. Concurrent callers share one renewal.
/// </summary>
internal sealed class UserDelegationKeyCache(
    Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDelegationKey>> requestKey,
    TimeSpan urlLifetime,
    TimeProvider time,
    ILogger<UserDelegationKeyCache> logger)
{
    /// <summary>A key signs URLs for the URL lifetime, but at least this long: short URL lifetimes must not cost a key per image.</summary>
    public static readonly TimeSpan MinimumReusePeriod = TimeSpan.FromMinutes(5);

    /// <summary>Every URL expires at least this long before the key that signed it (clock drift between this instance and storage).</summary>
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
            var key = await requestKey(now - ClockSkew, now + KeyLifetime(urlLifetime), cancellationToken);
            StorageLog.DelegationKeyObtained(logger, key.SignedExpiresOn);
            _key = key;
            return key;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>How long after its request a key expires: long enough for a full-lifetime URL signed at the end of its reuse period.</summary>
    public static TimeSpan KeyLifetime(TimeSpan urlLifetime) =>
        urlLifetime + RenewalMargin + (urlLifetime > MinimumReusePeriod ? urlLifetime : MinimumReusePeriod);

    private bool IsFresh(UserDelegationKey key) => key.SignedExpiresOn - time.GetUtcNow() > urlLifetime + RenewalMargin;
}
