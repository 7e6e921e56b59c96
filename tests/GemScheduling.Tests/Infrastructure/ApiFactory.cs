using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// The real front door and a co-hosted silo in process. Embedded (in-memory) unless a PostgreSQL connection string is
/// given. Each factory gets its own silo ports so factories can run side by side.
/// </summary>
public sealed class ApiFactory(string? postgresConnectionString = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Orleans:AdvertisedHost", "127.0.0.1");
        if (postgresConnectionString is not null)
            builder.UseSetting("ConnectionStrings:Postgres", postgresConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }
}
