namespace FireworksSimulator;

/// <summary>How a Kontext <c>input_image</c> was sent (contract §1.3: "Base64 encoded image or URL").</summary>
public enum KontextInputSource
{
    /// <summary>Raw base64, no prefix.</summary>
    Base64,

    /// <summary>A <c>data:&lt;media type&gt;;base64,&lt;payload&gt;</c> URI, as Vercel sends it.</summary>
    DataUri,

    /// <summary>An absolute http(s) URL, downloaded by the simulator as Fireworks would.</summary>
    Url,
}
