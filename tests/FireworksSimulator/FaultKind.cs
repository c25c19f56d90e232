namespace FireworksSimulator;

/// <summary>What an injected fault does to the response.</summary>
public enum FaultKind
{
    /// <summary>Only waits <see cref="SimulatorFault.Delay"/>, then answers normally.</summary>
    Latency,
    /// <summary>Answers an HTTP error status with the chosen body shape.</summary>
    Status,
    /// <summary>Answers 200 but marks the result content filtered (or moderated, for Kontext).</summary>
    ContentFiltered,
    /// <summary>Answers 200 with the body cut in half (truncated JSON or image bytes).</summary>
    MalformedBody,
    /// <summary>Answers 200 with a <c>text/html</c> page instead of the expected content.</summary>
    WrongContentType,
    /// <summary>Writes the headers and part of the body, then aborts the connection.</summary>
    DroppedConnection,
    /// <summary>Answers an SDXL JSON request with one artifact more than its <c>samples</c> (an inflated answer).</summary>
    ExtraArtifact,
    /// <summary>Answers an SDXL JSON request with a byte outside the base64 alphabet in the middle of its last artifact's base64.</summary>
    NotBase64Artifact,
}
