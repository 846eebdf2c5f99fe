using System.Runtime.InteropServices;

namespace CareBot.Storage.Sql;

/// <summary>UTF-8 documents as the <c>byte[]</c> the drivers bind (neither binds a <see cref="ReadOnlyMemory{T}"/> of bytes).</summary>
internal static class ByteArrays
{
    /// <summary>The array behind <paramref name="bytes"/> when it spans all of it (a serialized document does), else a copy.</summary>
    public static byte[] Whole(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
