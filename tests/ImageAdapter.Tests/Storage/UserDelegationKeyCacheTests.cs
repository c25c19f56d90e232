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
    public async Task Get_Twice_RequestsOneKeyForLifetimePlusADay()
    {
        var cache = Cache();

        var first = await cache.GetAsync(Token);
        var second = await cache.GetAsync(Token);

        Assert.Same(first, second);
        var request = Assert.Single(_requests);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(5), request.Start);
        Assert.Equal(_time.GetUtcNow() + UrlLifetime + TimeSpan.FromDays(1), request.Expiry);
    }

    [Fact]
    public async Task Get_KeyWouldExpireBeforeAFullLifetimeUrl_RenewsIt()
    {
        var cache = Cache();
        var first = await cache.GetAsync(Token);

        _time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(6));
        var stillFirst = await cache.GetAsync(Token);
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await cache.GetAsync(Token);

        Assert.Same(first, stillFirst);
        Assert.NotSame(first, renewed);
        Assert.Equal(2, _requests.Count);
        Assert.True(renewed.SignedExpiresOn - _time.GetUtcNow() > UrlLifetime);
    }

    [Fact]
    public async Task Get_Concurrently_SharesOneRequest()
    {
        var cache = Cache(delay: TimeSpan.FromMilliseconds(50));

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetAsync(Token).AsTask()));

        Assert.Single(_requests);
        Assert.All(keys, key => Assert.Same(keys[0], key));
    }

    private UserDelegationKeyCache Cache(TimeSpan? delay = null) => new(
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
        UrlLifetime,
        _time,
        NullLogger<UserDelegationKeyCache>.Instance);
}
