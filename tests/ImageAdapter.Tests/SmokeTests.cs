namespace ImageAdapter.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_Compiles_True() => Assert.True(true);
}
