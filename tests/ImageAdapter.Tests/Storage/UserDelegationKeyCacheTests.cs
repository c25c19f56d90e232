using Azure.Storage.Blobs.Models;
using ImageAdapter.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImageAdapter.Tests.Storage;

/// <summary>One user delegation key serves many URLs and is renewed before a URL could outlive it.</summary>
public sealed class UserDelegationKeyCacheTests
{
    private static readonly TimeSpan UrlLifetime = TimeSpan.FromMinutes(60);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(DateTimeOffset Start, DateTimeOffset Expiry)> _requests = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_Twice_RequestsOneKeyForTwiceTheUrlLifetimePlusMargin()
    {
        var cache = Cache();

        var first = await cache.GetAsync(Token);
        var second = await cache.GetAsync(Token);

        Assert.Same(first, second);
        var request = Assert.Single(_requests);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(5), request.Start);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(125), request.Expiry);
    }

    [Fact]
    public async Task Get_AfterOneUrlLifetimeOfUse_RenewsTheKey()
    {
        var cache = Cache();
        var first = await cache.GetAsync(Token);

        _time.Advance(UrlLifetime - TimeSpan.FromMinutes(1));
        var stillFirst = await cache.GetAsync(Token);
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await cache.GetAsync(Token);

        Assert.Same(first, stillFirst);
        Assert.NotSame(first, renewed);
        Assert.Equal(2, _requests.Count);
        Assert.True(renewed.SignedExpiresOn - _time.GetUtcNow() > UrlLifetime);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(3600)]
    [InlineData(86400)]
    public async Task Get_ThroughManyRenewals_EveryFullLifetimeUrlExpiresBeforeItsKey(int urlLifetimeSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(urlLifetimeSeconds);
        var cache = Cache(urlLifetime: lifetime);
        var step = TimeSpan.FromSeconds(Math.Max(1, urlLifetimeSeconds / 7)); // not a divisor of the reuse period
        var end = _time.GetUtcNow() + 4 * UserDelegationKeyCache.KeyLifetime(lifetime);

        while (_time.GetUtcNow() < end)
        {
            var key = await cache.GetAsync(Token);
            var urlExpiry = _time.GetUtcNow() + lifetime;
            Assert.True(key.SignedExpiresOn - urlExpiry >= UserDelegationKeyCache.RenewalMargin,
                $"At {_time.GetUtcNow():O} a URL expiring {urlExpiry:O} was signed with a key expiring {key.SignedExpiresOn:O}.");
            _time.Advance(step);
        }

        // Short URL lifetimes still reuse a key for minutes, not one key per image.
        var reuse = lifetime > UserDelegationKeyCache.MinimumReusePeriod ? lifetime : UserDelegationKeyCache.MinimumReusePeriod;
        Assert.InRange(_requests.Count, 2, (int)Math.Ceiling(4 * UserDelegationKeyCache.KeyLifetime(lifetime) / reuse) + 1);
    }

    [Theory]
    [InlineData(1, 10 * 60 + 1)]
    [InlineData(3600, 2 * 3600 + 5 * 60)]
    [InlineData(86400, 2 * 86400 + 5 * 60)]
    public void KeyLifetime_AboutTwiceTheUrlLifetime(int urlLifetimeSeconds, int expectedSeconds)
    {
        var keyLifetime = UserDelegationKeyCache.KeyLifetime(TimeSpan.FromSeconds(urlLifetimeSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), keyLifetime);
    }

    [Fact]
    public void KeyLifetime_LongestAllowedUrlLifetime_WithinStoragesSevenDayMaximum() =>
        Assert.True(UserDelegationKeyCache.KeyLifetime(StorageOptionsValidator.MaxUrlLifetime) <= TimeSpan.FromDays(7));

    [Fact]
    public async Task Get_Concurrently_SharesOneRequest()
    {
        var cache = Cache(delay: TimeSpan.FromMilliseconds(50));

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetAsync(Token).AsTask()));

        Assert.Single(_requests);
        Assert.All(keys, key => Assert.Same(keys[0], key));
    }

    private UserDelegationKeyCache Cache(TimeSpan? delay = null, TimeSpan? urlLifetime = null) => new(
        async (start, expiry, cancellationToken) =>
        {
            lock (_requests)
            {
                _requests.Add((start, expiry));
            }

            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            return BlobsModelFactory.UserDelegationKey("oid", "tid", start, expiry, "b", "2025-11-05", Convert.ToBase64String(new byte[32]));
        },
        urlLifetime ?? UrlLifetime,
        _time,
        NullLogger<UserDelegationKeyCache>.Instance);
}
