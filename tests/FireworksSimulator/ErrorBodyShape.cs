namespace FireworksSimulator;

/// <summary>Error body shapes seen from Fireworks (contract §1.5).</summary>
public enum ErrorBodyShape
{
    /// <summary><c>{"error":{"object":"error","type":"…","message":"…"}}</c></summary>
    FireworksError,
    /// <summary><c>{"error":"…"}</c></summary>
    ErrorString,
    /// <summary><c>{"detail":"…"}</c> (FastAPI-style, workflow apps).</summary>
    Detail,
    /// <summary><c>{"fault":{"faultstring":"…","detail":{"errorcode":"…"}}}</c> (gateway).</summary>
    GatewayFault,
    /// <summary><c>{"error_message":"…"}</c> (Kontext).</summary>
    KontextErrorMessage,
    /// <summary>The message as <c>text/plain</c>.</summary>
    PlainText,
    /// <summary>No body at all.</summary>
    Empty,
}
