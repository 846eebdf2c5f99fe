namespace CareBot.Care.Embeddings;

/// <summary>
/// Finds where an ONNX model (protobuf ModelProto) keeps the raw numbers of its graph's initializers: just enough of
/// the wire format to walk ModelProto.graph (field 7) → GraphProto.initializer (field 5) → TensorProto dims (field 1),
/// name (field 8) and raw_data (field 9).
/// </summary>
internal static class OnnxInitializers
{
    /// <summary>Where an initializer's raw numbers are (byte offset and length in the model) and its shape.</summary>
    internal sealed record Place(int Offset, int Length, long[] Dims)
    {
        /// <summary>The initializer's numbers, read out of <paramref name="model"/>.</summary>
        public float[] Floats(byte[] model)
        {
            var values = new float[Length / sizeof(float)];
            Buffer.BlockCopy(model, Offset, values, 0, values.Length * sizeof(float));
            return values;
        }
    }

    public static Dictionary<string, Place> RawData(byte[] model)
    {
        var found = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var graph in Fields(model, 0, model.Length).Where(f => f.Number == 7 && f.Length >= 0))
        {
            foreach (var tensor in Fields(model, graph.Offset, graph.Offset + graph.Length).Where(f => f.Number == 5 && f.Length >= 0))
            {
                string? name = null;
                (int Offset, int Length)? raw = null;
                var dims = new List<long>();
                foreach (var field in Fields(model, tensor.Offset, tensor.Offset + tensor.Length))
                {
                    if (field.Number == 1 && field.Length < 0)
                    {
                        // onnx.proto is proto2: each dim is a varint of its own.
                        dims.Add(field.Offset);
                    }
                    else if (field.Number == 1)
                    {
                        // Packed, as a proto3 writer would put them.
                        for (var position = field.Offset; position < field.Offset + field.Length;)
                        {
                            dims.Add((long)Varint(model, ref position));
                        }
                    }
                    else if (field.Number == 8 && field.Length >= 0)
                    {
                        name = System.Text.Encoding.UTF8.GetString(model, field.Offset, field.Length);
                    }
                    else if (field.Number == 9 && field.Length >= 0)
                    {
                        raw = (field.Offset, field.Length);
                    }
                }

                if (name is not null && raw is { } place)
                {
                    found[name] = new Place(place.Offset, place.Length, [.. dims]);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The length-delimited fields between two offsets (where they start and how long they are) and the varint ones
    /// (their value as Offset, with Length -1); fixed-size fields are skipped.
    /// </summary>
    private static List<(int Number, int Offset, int Length)> Fields(byte[] data, int from, int to)
    {
        var fields = new List<(int, int, int)>();
        var position = from;
        while (position < to)
        {
            var key = Varint(data, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add((number, (int)Varint(data, ref position), -1));
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    var length = (int)Varint(data, ref position);
                    if (length < 0 || position + length > to)
                    {
                        throw new InvalidDataException("The MiniLM model is not a valid ONNX file.");
                    }

                    fields.Add((number, position, length));
                    position += length;
                    break;
                default:
                    throw new InvalidDataException("The MiniLM model is not a valid ONNX file.");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                break;
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("The MiniLM model is not a valid ONNX file.");
    }
}
