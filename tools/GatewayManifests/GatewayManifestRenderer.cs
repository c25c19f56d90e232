using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageAdapter.GatewayManifests;

/// <summary>
/// Writes the Envoy AI Gateway (v1beta1) and Envoy Gateway manifests that put the adapter behind the gateway:
/// Backend by FQDN, BackendTLSPolicy, AIServiceBackend, BackendSecurityPolicy (APIKey → Authorization: Bearer),
/// AIGatewayRoute(s) with one rule per model, the edits HTTPRoute, a BackendTrafficPolicy for buffer, connect timeout
/// and safe retries, and the Gateway's ClientTrafficPolicy (its own file: it belongs in the Gateway's namespace).
/// </summary>
public static partial class GatewayManifestRenderer
{
    /// <summary>AIGatewayRoute allows at most 15 rules (CRD <c>maxItems</c>); more models spill into further routes.</summary>
    public const int MaxRulesPerRoute = 15;

    public const string ManifestsFileName = "image-adapter.yaml";
    public const string SecretFileName = "adapter-key-secret.yaml";
    public const string ClientPolicyFileName = "gateway-client-traffic-policy.yaml";
    public const string SecretPlaceholder = "REPLACE-WITH-ONE-ADAPTER-API-KEY";

    /// <summary>Dynamic metadata key of the request's cost in USD × 10,000 (with <c>Usage__Mode=cost</c>).</summary>
    public const string CostMetadataKey = "image_cost_usd_x10000";

    /// <summary>Micro-dollars (<c>output_tokens</c> in cost mode) to USD × 10,000, rounded up.</summary>
    public const string CostCel = "(output_tokens + 99u) / 100u";

    public static IReadOnlyList<RenderedManifest> Render(GatewayManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fqdn = NormalizeFqdn(options.FunctionAppFqdn);
        if (options.Models.Count == 0)
        {
            throw new ArgumentException("At least one model is needed to build a route.", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout.TotalSeconds % 1 != 0)
        {
            throw new ArgumentException("The request timeout must be a positive whole number of seconds.", nameof(options));
        }

        var yaml = new StringBuilder();
        AppendBackend(yaml, options.Name, fqdn);
        AppendServiceBackend(yaml, options.Name);
        var routeNames = AppendRoutes(yaml, options);
        routeNames.Add(AppendEditsRoute(yaml, options));
        AppendTrafficPolicy(yaml, options, routeNames);

        return
        [
            new RenderedManifest(ManifestsFileName, yaml.ToString()),
            new RenderedManifest(SecretFileName, Secret(options.Name)),
            new RenderedManifest(ClientPolicyFileName, ClientTrafficPolicy(options)),
        ];
    }

    /// <summary>Name of the <paramref name="index"/>-th AIGatewayRoute (and of the HTTPRoute generated from it).</summary>
    public static string RouteName(string name, int index) => index == 0 ? name : $"{name}-{index + 1}";

    private static string NormalizeFqdn(string value)
    {
        var fqdn = value?.Trim().TrimEnd('.').ToLowerInvariant() ?? string.Empty;
        if (fqdn.StartsWith("https://", StringComparison.Ordinal))
        {
            fqdn = fqdn["https://".Length..].TrimEnd('/');
        }

        if (fqdn.Length is 0 or > 253 || !HostName().IsMatch(fqdn))
        {
            throw new ArgumentException($"'{value}' is not a host name (expected the function app's defaultHostName, e.g. func-abc.azurewebsites.net).");
        }

        return fqdn;
    }

    private static void AppendBackend(StringBuilder y, string name, string fqdn) => y.Append(CultureInfo.InvariantCulture, $"""
        # Envoy Gateway Backend: the function app by its public FQDN (needs extensionApis.enableBackend: true).
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: Backend
        metadata:
          name: {name}
        spec:
          endpoints:
            - fqdn:
                hostname: {fqdn}
                port: 443
        ---
        # TLS to the app with the system CAs; the hostname also sets SNI. Host is rewritten to the FQDN by
        # the AI Gateway controller for every AIGatewayRoute (Azure routes by Host).
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata:
          name: {name}-tls
        spec:
          targetRefs:
            - group: gateway.envoyproxy.io
              kind: Backend
              name: {name}
          validation:
            wellKnownCACertificates: System
            hostname: {fqdn}
        ---

        """);

    private static void AppendServiceBackend(StringBuilder y, string name) => y.Append(CultureInfo.InvariantCulture, $"""
        # The adapter speaks OpenAI: POST /v1/images/generations (host.json routePrefix is "").
        apiVersion: aigateway.envoyproxy.io/v1beta1
        kind: AIServiceBackend
        metadata:
          name: {name}
        spec:
          schema:
            name: OpenAI
            prefix: /v1
          backendRef:
            group: gateway.envoyproxy.io
            kind: Backend
            name: {name}
        ---
        # Injects Authorization: Bearer <key from the Secret's apiKey>; the adapter checks it.
        apiVersion: aigateway.envoyproxy.io/v1beta1
        kind: BackendSecurityPolicy
        metadata:
          name: {name}-key
        spec:
          targetRefs:
            - group: aigateway.envoyproxy.io
              kind: AIServiceBackend
              name: {name}
          type: APIKey
          apiKey:
            secretRef:
              name: {name}-key
        ---

        """);

    private static string Timeout(GatewayManifestOptions o) =>
        ((int)o.RequestTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>The <c>parentRefs</c> entry naming the Gateway, indented for a route's <c>spec</c>.</summary>
    private static string ParentRef(GatewayManifestOptions o) =>
        $"""
              parentRefs:
                - group: gateway.networking.k8s.io
                  kind: Gateway
                  name: {o.GatewayName}

            """ + (o.GatewayNamespace is { } ns ? $"      namespace: {ns}\n" : string.Empty);

    private static List<string> AppendRoutes(StringBuilder y, GatewayManifestOptions o)
    {
        var names = new List<string>();
        var timeout = Timeout(o);
        var chunks = o.Models.Chunk(MaxRulesPerRoute).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            var routeName = RouteName(o.Name, i);
            names.Add(routeName);
            y.Append(CultureInfo.InvariantCulture, $"""
                # One rule per catalogue model: clients send the short name, Fireworks gets the full id.
                # Timeout: above the adapter's 200 s deadline, below Azure's 230 s cut.
                apiVersion: aigateway.envoyproxy.io/v1beta1
                kind: AIGatewayRoute
                metadata:
                  name: {routeName}
                spec:

                """);
            y.Append(ParentRef(o));

            // The adapter answers an OpenAI usage block; these keys let a BackendTrafficPolicy charge token budgets.
            // The CEL key is for Usage__Mode=cost, where output_tokens are micro-dollars. The AI Gateway declares the
            // token variables as uint (ai-gateway internal/llmcostcel), so every literal needs its u.
            y.Append(CultureInfo.InvariantCulture, $"""
                  llmRequestCosts:
                    - metadataKey: llm_input_token
                      type: InputToken
                    - metadataKey: llm_output_token
                      type: OutputToken
                    - metadataKey: llm_total_token
                      type: TotalToken
                    # Usage__Mode=cost only: the Fireworks cost in USD x 10,000 (hundredths of a cent), rounded up. A
                    # rate limit's budget is at most 4,294,967,295 units: $429,496 here, $4,294 in micro-dollars.
                    - metadataKey: {CostMetadataKey}
                      type: CEL
                      cel: "{CostCel}"

                """);
            y.Append("  rules:\n");
            foreach (var model in chunks[i])
            {
                y.Append(CultureInfo.InvariantCulture, $"""
                        - matches:
                            - headers:
                                - type: Exact
                                  name: x-ai-eg-model
                                  value: {model.ShortName}
                          backendRefs:
                            - name: {o.Name}
                              modelNameOverride: {model.Id}
                          timeouts:
                            request: {timeout}

                    """);
            }

            y.Append("---\n");
        }

        return names;
    }

    private static void AppendTrafficPolicy(StringBuilder y, GatewayManifestOptions o, List<string> routeNames)
    {
        y.Append(CultureInfo.InvariantCulture, $"""
            # Applies to the HTTPRoute(s) the AI Gateway generates (same names as the AIGatewayRoutes) and to the edits route.
            # Retries only where the adapter cannot have started a billed generation: the connection failed,
            # was reset before the request was sent, or the stream was refused. Never on 5xx or timeouts.
            apiVersion: gateway.envoyproxy.io/v1alpha1
            kind: BackendTrafficPolicy
            metadata:
              name: {o.Name}
            spec:
              targetRefs:

            """);
        foreach (var route in routeNames)
        {
            y.Append(CultureInfo.InvariantCulture, $"""
                    - group: gateway.networking.k8s.io
                      kind: HTTPRoute
                      name: {route}

                """);
        }

        y.Append(CultureInfo.InvariantCulture, $"""
              connection:
                bufferLimit: {o.BufferLimit}
              timeout:
                tcp:
                  connectTimeout: 10s
              retry:
                numRetries: 2
                retryOn:
                  triggers:
                    - connect-failure
                    - reset-before-request
                    - refused-stream
                perRetry:
                  backOff:
                    baseInterval: 250ms
                    maxInterval: 2s

            """);
    }

    // One key, two entries: the AI Gateway's APIKey policy reads apiKey and adds "Bearer "; Envoy Gateway's
    // credentialInjection (edits route) reads credential and sends it as it is.
    private static string Secret(string name) => $"""
        # Template: put ONE of the keys listed in the Key Vault secret adapter-api-keys in both entries, then apply.
        # Never commit the filled-in file. Or create it directly:
        #   kubectl create secret generic {name}-key --from-literal=apiKey="$KEY" --from-literal=credential="Bearer $KEY"
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}-key
        type: Opaque
        stringData:
          apiKey: {SecretPlaceholder}
          credential: Bearer {SecretPlaceholder}

        """;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$")]
    private static partial Regex HostName();
}
