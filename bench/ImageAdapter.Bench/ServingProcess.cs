using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>One process that serves a target, named by its role (server, YARP, host, worker, simulator).</summary>
internal sealed record ServingProcess(string Role, Process Process);
