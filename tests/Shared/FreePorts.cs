using System.Net;
using System.Net.Sockets;

namespace HotSpots.Testing;

/// <summary>A loopback port free at the moment of asking, for a server that cannot bind port 0 (an Orleans silo's).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
