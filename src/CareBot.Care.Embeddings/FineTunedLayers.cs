using System.Buffers.Binary;
using System.Text;

namespace CareBot.Care.Embeddings;

/// <summary>
/// The fine-tuned top layers of all-MiniLM-L6-v2: tensors of the package's ONNX model, by initializer name, that
/// replace the package's own. The file (<c>care-minilm-layers.bin</c>, written by
/// <c>tests/CareBot.Triage.FineTuning</c>) holds "CBMINI1\n", the tensor count (int32), then per tensor its name
/// (int32 byte length + UTF-8), its element count (int32) and the elements as IEEE half floats, all little-endian:
/// half precision keeps the file at 7 MB and changes the head's probabilities by less than 0.01.
/// </summary>
public sealed class FineTunedLayers
{
    private static readonly byte[] Magic = "CBMINI1\n"u8.ToArray();

    private FineTunedLayers(IReadOnlyDictionary<string, float[]> tensors) => Tensors = tensors;

    public IReadOnlyDictionary<string, float[]> Tensors { get; }

    public static FineTunedLayers Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{source}: not a fine-tuned layers file (it must start with CBMINI1).");
            }

            var count = reader.ReadInt32();
            if (count is < 1 or > 1000)
            {
                throw new InvalidDataException($"{source}: {count} tensors (expected 1 to 1000).");
            }

            var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var t = 0; t < count; t++)
            {
                var nameLength = reader.ReadInt32();
                var name = nameLength is > 0 and <= 200 ? Encoding.UTF8.GetString(reader.ReadBytes(nameLength)) : throw new InvalidDataException($"{source}: tensor {t + 1} has a name of {nameLength} bytes.");
                var length = reader.ReadInt32();
                var bytes = length is > 0 and <= 10_000_000 ? reader.ReadBytes(length * 2) : throw new InvalidDataException($"{source}: tensor '{name}' has {length} numbers.");
                if (bytes.Length != length * 2)
                {
                    throw new InvalidDataException($"{source}: tensor '{name}' is cut short.");
                }

                var values = new float[length];
                for (var i = 0; i < length; i++)
                {
                    values[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)));
                }

                if (!tensors.TryAdd(name, values))
                {
                    throw new InvalidDataException($"{source}: tensor '{name}' appears twice.");
                }
            }

            return new FineTunedLayers(tensors);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{source}: the file is cut short.");
        }
    }

    public static void Write(Stream stream, IReadOnlyList<(string Name, float[] Values)> tensors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(tensors.Count);
        foreach (var (name, values) in tensors)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            writer.Write(nameBytes.Length);
            writer.Write(nameBytes);
            writer.Write(values.Length);
            foreach (var value in values)
            {
                writer.Write(BitConverter.HalfToUInt16Bits((Half)value));
            }
        }
    }

    /// <summary>
    /// Writes these tensors over the package model's initializers of the same name, in place (an ONNX model keeps
    /// each initializer's numbers as raw little-endian floats). Every tensor must exist there with the same size, or
    /// the model is another one than the layers were trained from.
    /// </summary>
    public void ApplyTo(byte[] onnxModel)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        var found = OnnxInitializers.RawData(onnxModel);
        foreach (var (name, values) in Tensors)
        {
            if (!found.TryGetValue(name, out var place) || place.Length != values.Length * sizeof(float))
            {
                throw new InvalidDataException($"The MiniLM model has no float tensor '{name}' of {values.Length} numbers: the fine-tuned layers were made for another model.");
            }

            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(onnxModel.AsSpan(place.Offset + (i * sizeof(float))), values[i]);
            }
        }
    }
}
