namespace HotSpots.Host.Hosting;

public sealed class NodeSettings
{
    public NodeRole Role { get; set; } = NodeRole.Silo;
}
