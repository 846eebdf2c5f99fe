using System.Text;

namespace CareBot.Care.Stores;

/// <summary>
/// A JSON document as the UTF-8 bytes the store keeps, so a turn reads and writes it without a UTF-16 copy (a 3 KB
/// document is a 6 KB string). Two are equal when their bytes are, whichever buffers hold them, and one prints as its
/// text (a test's failure message shows what differs).
/// </summary>
public readonly struct Utf8Json : IEquatable<Utf8Json>
{
    public Utf8Json(ReadOnlyMemory<byte> bytes) => Memory = bytes;

    public ReadOnlyMemory<byte> Memory { get; }

    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>The document as text (decoded on every call).</summary>
    public string Text => Encoding.UTF8.GetString(Memory.Span);

    public static Utf8Json FromText(string json) => new(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    public static implicit operator Utf8Json(byte[] bytes) => new(bytes);

    public static implicit operator Utf8Json(ReadOnlyMemory<byte> bytes) => new(bytes);

    public static implicit operator ReadOnlyMemory<byte>(Utf8Json json) => json.Memory;

    public static bool operator ==(Utf8Json left, Utf8Json right) => left.Equals(right);

    public static bool operator !=(Utf8Json left, Utf8Json right) => !left.Equals(right);

    public bool Equals(Utf8Json other) => Memory.Span.SequenceEqual(other.Memory.Span);

    public override bool Equals(object? obj) => obj is Utf8Json other && Equals(other);

    public override int GetHashCode() => Memory.Length;

    public override string ToString() => Text;
}
