using Google.Protobuf;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// Reads the spans of an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry-proto, trace/v1) with Google.Protobuf's
/// wire reader, keeping the few fields the tests assert on. Field numbers: ExportTraceServiceRequest.resource_spans 1;
/// ResourceSpans.resource 1, scope_spans 2; Resource.attributes 1; KeyValue.key 1, value 2; AnyValue.string_value 1;
/// ScopeSpans.scope 1, spans 2; InstrumentationScope.name 1; Span.trace_id 1, span_id 2, parent_span_id 4, name 5.
/// </summary>
internal static class OtlpSpanReader
{
    public static IEnumerable<OtlpSpan> Read(byte[] request) =>
        Fields(ByteString.CopyFrom(request)).Where(field => field.Number == 1).SelectMany(field => ResourceSpans(field.Bytes));

    private static IEnumerable<OtlpSpan> ResourceSpans(ByteString bytes)
    {
        var fields = Fields(bytes).ToArray();
        var serviceName = fields.Where(field => field.Number == 1)
            .SelectMany(resource => Fields(resource.Bytes).Where(field => field.Number == 1))
            .Select(attribute => Fields(attribute.Bytes).ToArray())
            .Where(attribute => attribute.Any(field => field.Number == 1 && field.Bytes.ToStringUtf8() == "service.name"))
            .Select(attribute => Fields(attribute.Single(field => field.Number == 2).Bytes).Single(field => field.Number == 1).Bytes.ToStringUtf8())
            .FirstOrDefault() ?? "";
        foreach (var scopeSpans in fields.Where(field => field.Number == 2))
        {
            var scopeFields = Fields(scopeSpans.Bytes).ToArray();
            var scope = scopeFields.Where(field => field.Number == 1)
                .Select(s => Fields(s.Bytes).FirstOrDefault(field => field.Number == 1)?.Bytes.ToStringUtf8())
                .FirstOrDefault() ?? "";
            foreach (var span in scopeFields.Where(field => field.Number == 2))
            {
                var spanFields = Fields(span.Bytes).ToArray();
                string Hex(int number) => Convert.ToHexStringLower(spanFields.FirstOrDefault(field => field.Number == number)?.Bytes.ToByteArray() ?? []);
                yield return new OtlpSpan(serviceName, scope, Hex(1), Hex(2), Hex(4),
                    spanFields.FirstOrDefault(field => field.Number == 5)?.Bytes.ToStringUtf8() ?? "");
            }
        }
    }

    /// <summary>The length-delimited fields of a message (every field these tests read is one); others are skipped.</summary>
    private static IEnumerable<Field> Fields(ByteString message)
    {
        var input = message.CreateCodedInput();
        var fields = new List<Field>();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add(new Field(WireFormat.GetTagFieldNumber(tag), input.ReadBytes()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }

    private sealed record Field(int Number, ByteString Bytes);
}

/// <summary>One exported span: who sent it (resource <c>service.name</c>), its instrumentation scope, ids and name.</summary>
public sealed record OtlpSpan(string ServiceName, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name);
