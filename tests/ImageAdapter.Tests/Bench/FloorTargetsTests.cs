extern alias BenchTool;

using System.Xml.Linq;
using BenchTool::ImageAdapter.Bench;

namespace ImageAdapter.Tests.Bench;

/// <summary>The two floors: floor-rt must run the floor's code with the runtime settings the adapter runs with.</summary>
public sealed class FloorTargetsTests
{
    [Fact]
    public void FloorRt_RunsNextToFloor_AndFloorStaysNextToAdapter()
    {
        var order = TargetKinds.All.ToList();

        Assert.Equal(TargetKind.FloorAdapterRuntime, TargetKinds.Parse("floor-rt"));
        // Targets compared with each other are measured in adjacent windows of every round.
        Assert.Equal(order.IndexOf(TargetKind.Floor) - 1, order.IndexOf(TargetKind.FloorAdapterRuntime));
        Assert.Equal(order.IndexOf(TargetKind.Floor) + 1, order.IndexOf(TargetKind.Adapter));
    }

    [Fact]
    public void DeployedRuntime_IsTheServersGcAndThreadPoolSettings()
    {
        var layout = RepoLayout.Find(AppContext.BaseDirectory);
        var hostRuntime = XDocument.Load(Path.Combine(layout.Root, "src", "HostRuntime.props"));
        var serverGc = hostRuntime.Descendants("ServerGarbageCollection").Single().Value;
        var spinLimit = hostRuntime.Descendants("RuntimeHostConfigurationOption")
            .Single(option => (string?)option.Attribute("Include") == "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit")
            .Attribute("Value")!.Value;

        var runtime = AdapterSettings.DeployedRuntime(layout);

        // What the servers' runtimeconfig says (src/HostRuntime.props), the floor-rt process gets from the environment.
        Assert.Equal(bool.Parse(serverGc) ? "1" : "0", runtime["DOTNET_gcServer"]);
        Assert.Equal(spinLimit, runtime["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
        Assert.Equal("0x1000000", runtime["DOTNET_GCgen0size"]);
    }
}
