using System.Text.RegularExpressions;

namespace ImageAdapter.Http;

/// <summary>Keeps a caller's (the gateway's) request id when it is a plain token, so one id follows a request end to end.</summary>
internal static partial class RequestId
{
    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    public static string From(string incoming) => Plain().IsMatch(incoming) ? incoming : $"req_{Guid.NewGuid():N}";
}
