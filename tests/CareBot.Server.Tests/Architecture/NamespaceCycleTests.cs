using System.Reflection;

namespace CareBot.Server.Tests.Architecture;

/// <summary>
/// Inside each product assembly, namespaces depend on each other without cycles (a folder that uses another folder is
/// not used back by it), so each folder can be read, tested and moved on its own.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly string[] ProductAssemblies =
        ["CareBot.Protocol", "CareBot.Dialogs", "CareBot.Care", "CareBot.Storage", "CareBot.Web", "CareBot.Meta", "CareBot.Server"];

    public static TheoryData<string> Assemblies => new(ProductAssemblies);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void An_assembly_has_no_namespace_cycle(string assemblyName)
    {
        var cycles = new NamespaceGraph(Assembly.Load(assemblyName)).Cycles();

        Assert.True(
            cycles.Count == 0,
            $"Namespace cycle(s) in {assemblyName}: move the type that makes a namespace use one that uses it back. "
            + "Each line is a group of namespaces that all use each other:\n  " + string.Join("\n  ", cycles));
    }

    [Fact]
    public void The_graph_finds_a_cycle_between_two_namespaces_that_use_each_other()
    {
        // This test assembly's own fixtures below: Ping uses Pong and Pong uses Ping.
        var cycles = new NamespaceGraph(typeof(NamespaceCycleTests).Assembly).Cycles();

        Assert.Contains("CareBot.Server.Tests.Architecture.CycleFixture.Ping | CareBot.Server.Tests.Architecture.CycleFixture.Pong", cycles);
    }
}
