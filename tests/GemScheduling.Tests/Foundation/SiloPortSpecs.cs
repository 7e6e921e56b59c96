using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace GemScheduling.Tests.Foundation;

/// <summary>
/// The silo's ports are no open door: with the API co-hosted there is no Orleans gateway, and silo-to-silo traffic
/// listens on one interface (the advertised address, or Orleans:ListenAddress), not on every address of the machine.
/// </summary>
public sealed class SiloPortSpecs
{
    [Fact]
    public async Task Given_the_embedded_default_then_no_gateway_listens()
    {
        await using var api = new ApiFactory();
        _ = api.Services; // starts the host

        var endpoints = api.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(0, endpoints.GatewayPort);
        Assert.False(Listening(port: 30000, anyAddress: true));
    }

    [SkippableFact]
    public async Task Given_a_production_replica_then_there_is_no_gateway_and_the_silo_port_listens_on_the_configured_interface_only()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("ports");
        await using var api = new ApiFactory(database.ConnectionString);
        _ = api.Services;

        var endpoints = api.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(0, endpoints.GatewayPort);
        Assert.Equal(System.Net.IPAddress.Loopback, endpoints.SiloListeningEndpoint!.Address);
        Assert.True(Listening(endpoints.SiloPort, anyAddress: false));
        Assert.False(Listening(endpoints.SiloPort, anyAddress: true));
    }

    /// <summary>Whether a TCP socket listens on the port: on 0.0.0.0/:: (any address) or on a single address (Linux /proc).</summary>
    private static bool Listening(int port, bool anyAddress)
    {
        var hex = port.ToString("X4");
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
                continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = columns[1].Split(':');
                if (columns[3] != "0A" || local[1] != hex) // 0A: LISTEN
                    continue;
                var isAny = local[0].All(c => c == '0');
                if (isAny == anyAddress)
                    return true;
            }
        }

        return false;
    }
}
