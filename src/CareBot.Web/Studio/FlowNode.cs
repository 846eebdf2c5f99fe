namespace CareBot.Web.Studio;

/// <summary>A node of the flow view: its id, kind, line in the file, layer, and what is wrong with it.</summary>
/// <param name="Layer">Distance from the start node or an event node; unreachable nodes share the layer below all others.</param>
/// <param name="Reachable">Whether some path from start or an <c>on:</c> event gets here.</param>
/// <param name="DeadEnd">Whether the node has no way on while not being a place to stop (an end, a parked hand-off).</param>
public sealed record FlowNode(string Id, string Kind, int Line, int Layer, bool Reachable, bool DeadEnd);
