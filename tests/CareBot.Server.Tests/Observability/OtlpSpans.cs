using System.Text;

namespace CareBot.Server.Tests.Observability;

/// <summary>
/// Reads the spans out of an OTLP/HTTP protobuf trace export (<c>ExportTraceServiceRequest</c>), just enough protobuf for
/// the test collector: resource_spans (1) → scope_spans (2) → spans (2) → span_id (2), parent_span_id (4), name (5),
/// attributes (9, string values only).
/// </summary>
internal static class OtlpSpans
{
    public sealed record Span(string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

    public static IEnumerable<Span> Read(byte[] exportTraceServiceRequest)
    {
        foreach (var resourceSpans in Fields(exportTraceServiceRequest).Where(f => f.Number == 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans.Bytes).Where(f => f.Number == 2))
            {
                foreach (var span in Fields(scopeSpans.Bytes).Where(f => f.Number == 2))
                {
                    yield return ReadSpan(span.Bytes);
                }
            }
        }
    }

    private static Span ReadSpan(byte[] span)
    {
        string spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>();
        foreach (var field in Fields(span))
        {
            switch (field.Number)
            {
                case 2: spanId = Convert.ToHexString(field.Bytes); break;
                case 4: parent = Convert.ToHexString(field.Bytes); break;
                case 5: name = Encoding.UTF8.GetString(field.Bytes); break;
                case 9:
                    var keyValue = Fields(field.Bytes).ToList();
                    var key = Encoding.UTF8.GetString(keyValue.First(f => f.Number == 1).Bytes);
                    var value = keyValue.FirstOrDefault(f => f.Number == 2)?.Bytes is { } anyValue
                        ? Fields(anyValue).FirstOrDefault(f => f.Number == 1)?.Bytes is { } text ? Encoding.UTF8.GetString(text) : ""
                        : "";
                    attributes[key] = value;
                    break;
            }
        }

        return new Span(spanId, parent, name, attributes);
    }

    private sealed record Field(int Number, byte[] Bytes);

    /// <summary>The length-delimited fields of one message; varint and fixed fields are skipped.</summary>
    private static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0: ReadVarint(message, ref position); break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return new Field(number, message[position..(position + length)]);
                    position += length;
                    break;
                default: throw new FormatException($"Unsupported protobuf wire type in tag {tag}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
