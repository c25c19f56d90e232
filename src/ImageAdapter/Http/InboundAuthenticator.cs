using System.Security.Cryptography;
using System.Text;
using ImageAdapter.Errors;
using ImageAdapter.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Http;

/// <summary>Checks <c>Authorization: Bearer &lt;adapter key&gt;</c> against every live inbound key in constant time.</summary>
internal sealed class InboundAuthenticator(IInboundKeySource keys, IOptions<AuthOptions> options)
{
    private const string Scheme = "Bearer ";

    public async Task AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var live = await keys.GetKeysAsync(cancellationToken);
        if (live.Count == 0)
        {
            if (options.Value.AllowAnonymous)
            {
                return;
            }

            throw new AdapterException(AdapterErrorKind.AuthNotConfigured,
                "This adapter has no inbound API keys configured. Set Auth__ApiKeys (or the Key Vault secret named by " +
                "KeyVault__AdapterApiKeysSecret), or Auth__AllowAnonymous=true for local development.");
        }

        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        if (presented.Length == 0 || !Matches(presented, live))
        {
            throw new AdapterException(AdapterErrorKind.InvalidApiKey,
                presented.Length == 0
                    ? "Missing API key: send 'Authorization: Bearer <key>'."
                    : "Incorrect API key provided.");
        }
    }

    // Hashing first gives equal-length inputs, so the comparison time says nothing about the key's length or prefix;
    // every live key is compared, so it says nothing about which one matched either.
    private static bool Matches(string presented, IReadOnlyList<string> live)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in live)
        {
            match |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }
}
