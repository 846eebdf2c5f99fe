using System.Reflection;

namespace CareBot.Server.Tests.Architecture;

/// <summary>
/// Inside each product assembly, namespaces depend on each other without cycles (a folder that uses another folder is
/// not used back by it), so each folder can be read, tested and moved on its own. Cycles that existed when this test
/// was written are listed in <see cref="KnownCycles"/>: the list may only shrink.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly string[] ProductAssemblies =
        ["CareBot.Protocol", "CareBot.Dialogs", "CareBot.Care", "CareBot.Storage", "CareBot.Web", "CareBot.Meta", "CareBot.Server"];

    public static TheoryData<string> Assemblies => new(ProductAssemblies);

    // Known cycles (2026-12-03), each a group of namespaces that all reach each other. Fix one by moving the types that
    // point back (e.g. the Storage root's shared helpers into their own namespace), then delete its line here; a new
    // cycle is not to be added.
    private static readonly HashSet<string> KnownCycles = new(StringComparer.Ordinal)
    {
        "CareBot.Dialogs.Runtime | CareBot.Dialogs.Runtime.Nodes",
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void An_assembly_has_no_namespace_cycle_beyond_the_known_ones(string assemblyName)
    {
        var cycles = new NamespaceGraph(Assembly.Load(assemblyName)).Cycles();

        var unknown = cycles.Where(c => !KnownCycles.Contains(c)).ToList();

        Assert.True(
            unknown.Count == 0,
            $"New namespace cycle(s) in {assemblyName}: move the type that makes a namespace use one that uses it back. "
            + "Each line is a group of namespaces that all use each other:\n  " + string.Join("\n  ", unknown));
    }

    [Fact]
    public void Every_known_cycle_still_exists_so_the_list_only_shrinks()
    {
        var cycles = ProductAssemblies.SelectMany(name => new NamespaceGraph(Assembly.Load(name)).Cycles()).ToHashSet(StringComparer.Ordinal);

        var gone = KnownCycles.Where(c => !cycles.Contains(c)).ToList();

        Assert.True(gone.Count == 0, "Fixed (or changed) cycles: delete these lines from KnownCycles:\n  " + string.Join("\n  ", gone));
    }

    [Fact]
    public void The_graph_finds_a_cycle_between_two_namespaces_that_use_each_other()
    {
        // This test assembly's own fixtures below: Ping uses Pong and Pong uses Ping.
        var cycles = new NamespaceGraph(typeof(NamespaceCycleTests).Assembly).Cycles();

        Assert.Contains("CareBot.Server.Tests.Architecture.CycleFixture.Ping | CareBot.Server.Tests.Architecture.CycleFixture.Pong", cycles);
    }
}
