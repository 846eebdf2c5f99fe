using System.Reflection;

namespace CareBot.Server.Tests.Architecture;

/// <summary>
/// Which namespaces of one assembly use which others of the same assembly, read by reflection from the types each
/// namespace declares: base types, interfaces, fields, properties, events, and method and constructor signatures,
/// generic arguments included. Compiler-generated nested types count for their outer type, so locals that a lambda or
/// an async method hoists into fields count too.
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private readonly Dictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public NamespaceGraph(Assembly assembly)
    {
        var prefix = assembly.GetName().Name!;
        foreach (var type in LoadableTypes(assembly))
        {
            var from = type.Namespace;
            if (from is null || !from.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue; // <PrivateImplementationDetails>, anonymous types
            }

            var targets = Edges(from);
            foreach (var used in UsedTypes(type).SelectMany(Flatten))
            {
                if (used.Assembly == assembly && used.Namespace is { } to && to != from && to.StartsWith(prefix, StringComparison.Ordinal))
                {
                    targets.Add(to);
                }
            }
        }
    }

    /// <summary>The namespaces <paramref name="from"/> uses (of the same assembly).</summary>
    public IReadOnlySet<string> Uses(string from) => _edges.TryGetValue(from, out var to) ? to : new SortedSet<string>();

    /// <summary>
    /// Every cycle, as the sorted names of one strongly connected group of namespaces joined by " | " (a group of
    /// several namespaces that all reach each other).
    /// </summary>
    public IReadOnlyList<string> Cycles()
    {
        // Tarjan's algorithm.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<string>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Uses(node))
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    group.Sort(StringComparer.Ordinal);
                    cycles.Add(string.Join(" | ", group));
                }
            }
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        cycles.Sort(StringComparer.Ordinal);
        return cycles;
    }

    private SortedSet<string> Edges(string from)
    {
        if (!_edges.TryGetValue(from, out var to))
        {
            _edges[from] = to = new SortedSet<string>(StringComparer.Ordinal);
        }

        return to;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return property.PropertyType;
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            if (@event.EventHandlerType is { } handler)
            {
                yield return handler;
            }
        }

        foreach (var method in type.GetMethods(Declared))
        {
            yield return method.ReturnType;
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }

        foreach (var constructor in type.GetConstructors(Declared))
        {
            foreach (var parameter in constructor.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }

    // A type and what it is made of: element types (arrays, by-ref, pointers) and generic arguments.
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsConstructedGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsConstructedGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }
}
