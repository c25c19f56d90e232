namespace ImageAdapter.Tests.Infrastructure;

/// <summary>Bicep tests share one <see cref="BicepFixture"/>: each CLI call runs once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<BicepFixture>
{
    public const string Name = "Bicep";
}
