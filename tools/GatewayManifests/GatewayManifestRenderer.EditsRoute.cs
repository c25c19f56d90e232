using System.Globalization;
using System.Text;

namespace ImageAdapter.GatewayManifests;

/// <summary>
/// The route for <c>POST /v1/images/edits</c> and the Gateway's buffer. Envoy AI Gateway routes only JSON
/// <c>/v1/images/generations</c> (edits are envoyproxy/ai-gateway#1746), so multipart edits take a plain Gateway API
/// HTTPRoute to the same Backend. Exact path matches win over the AI Gateway's own routes on the same Gateway.
/// </summary>
public static partial class GatewayManifestRenderer
{
    public const string EditsPath = "/v1/images/edits";

    /// <summary>Name of the edits HTTPRoute and of its HTTPRouteFilter.</summary>
    public static string EditsRouteName(string name) => $"{name}-edits";

    private static string AppendEditsRoute(StringBuilder y, GatewayManifestOptions o)
    {
        var routeName = EditsRouteName(o.Name);
        y.Append(CultureInfo.InvariantCulture, $"""
            # What the AI Gateway does for its own routes, done by Envoy Gateway for the edits route: the adapter key from
            # the same Secret (its credential entry, "Bearer <key>") replaces any Authorization the client sent, and Host
            # becomes the Backend's FQDN, which Azure routes by.
            apiVersion: gateway.envoyproxy.io/v1alpha1
            kind: HTTPRouteFilter
            metadata:
              name: {routeName}
            spec:
              credentialInjection:
                header: Authorization
                overwrite: true
                credential:
                  valueRef:
                    kind: Secret
                    name: {o.Name}-key
              urlRewrite:
                hostname:
                  type: Backend
            ---
            # POST /v1/images/edits (multipart) straight to the adapter, with the AI routes' timeout. The AI Gateway does
            # not see these requests: no token accounting (llmRequestCosts), so usage budgets do not count edits.
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: {routeName}
            spec:

            """);
        y.Append(ParentRef(o));
        y.Append(CultureInfo.InvariantCulture, $"""
              rules:
                - matches:
                    - path:
                        type: Exact
                        value: {EditsPath}
                      method: POST
                  filters:
                    - type: ExtensionRef
                      extensionRef:
                        group: gateway.envoyproxy.io
                        kind: HTTPRouteFilter
                        name: {routeName}
                  backendRefs:
                    - group: gateway.envoyproxy.io
                      kind: Backend
                      name: {o.Name}
                  timeouts:
                    request: {Timeout(o)}
            ---

            """);
        return routeName;
    }

    // Attaches to the shared Gateway, so it is applied in the Gateway's namespace by whoever runs the Gateway.
    private static string ClientTrafficPolicy(GatewayManifestOptions o) => $"""
        # The Gateway's per-connection buffer, for every route on it (the default is 32 KiB). Sized for the largest
        # request bodies: a multipart edit (image and mask at the adapter's 20 MB limit each, plus form fields: about
        # 40.2 MB) and a JSON generation with a 20 MB image as a base64 data URL (4/3 larger: about 26.7 MB).
        # Apply in the Gateway's namespace. Envoy Gateway applies one ClientTrafficPolicy per Gateway: if the Gateway
        # already has one, set this bufferLimit there instead.
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata:
          name: {o.Name}-client-buffer
        spec:
          targetRefs:
            - group: gateway.networking.k8s.io
              kind: Gateway
              name: {o.GatewayName}
          connection:
            bufferLimit: {o.ClientBufferLimit}

        """;
}
