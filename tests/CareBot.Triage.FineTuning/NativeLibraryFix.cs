using System.Buffers.Binary;
using System.Text;

namespace CareBot.Triage.FineTuning;

/// <summary>
/// TorchSharp 0.107's native glue (libLibTorchSharp.so, built with GCC 13) asks libstdc++ for version GLIBCXX_3.4.32,
/// which Debian 12's libstdc++ (GCC 12, up to 3.4.30) lacks, so loading it fails. It asks that version for one symbol
/// only, <c>std::ios_base_library_init()</c>, which GCC 13 emits to make sure iostreams are set up and which Debian 12's
/// libstdc++ does by itself. Marking that version need weak (VER_FLG_WEAK in the .gnu.version_r section) lets the
/// loader go on without it. This patches the copy in this program's own output folder, once, before TorchSharp loads.
/// </summary>
internal static class NativeLibraryFix
{
    private const string Library = "libLibTorchSharp.so";
    private const string Version = "GLIBCXX_3.4.32";
    private const uint VersionNeedSection = 0x6ffffffe;
    private const ushort WeakFlag = 2;

    public static void Apply(TextWriter output)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", Library);
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, Library);
        }

        if (File.Exists(path) && MarkWeak(path))
        {
            output.WriteLine($"{Library}: marked its need of {Version} weak (Debian 12's libstdc++ has up to GLIBCXX_3.4.30)");
        }
    }

    /// <summary>True when the file was changed (false when the need is already weak or absent).</summary>
    private static bool MarkWeak(string path)
    {
        var elf = File.ReadAllBytes(path);
        var sectionsAt = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        var sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        int Section(int i) => sectionsAt + (i * sectionSize);
        for (var i = 0; i < sectionCount; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(Section(i) + 4)) != VersionNeedSection)
            {
                continue;
            }

            var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(Section(i) + 0x18));
            var strings = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(Section((int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(Section(i) + 0x28))) + 0x18));
            var needs = (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(Section(i) + 0x2C));
            for (var (need, n) = (offset, 0); n < needs; n++)
            {
                var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(need + 2));
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(need + 8));
                for (var a = 0; a < count; a++)
                {
                    var name = strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(aux + 8));
                    var flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(aux + 4));
                    if (Encoding.ASCII.GetString(elf, name, Array.IndexOf(elf, (byte)0, name) - name) == Version && (flags & WeakFlag) == 0)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(aux + 4), (ushort)(flags | WeakFlag));
                        File.WriteAllBytes(path, elf);
                        return true;
                    }

                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(aux + 12));
                }

                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(need + 12));
            }
        }

        return false;
    }
}
