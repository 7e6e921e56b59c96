using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// The real front door and a co-hosted silo in process. Embedded (in-memory) unless a PostgreSQL connection string is
/// given. Each factory gets its own silo ports so factories can run side by side.
/// </summary>
public sealed class ApiFactory(
    string? postgresConnectionString = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    /// <summary>A client that authenticates with <paramref name="token"/> (the admin token by default).</summary>
    public HttpClient ClientWith(string? token = AdminToken)
    {
        var client = CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Orleans:AdvertisedHost", "127.0.0.1");
        builder.UseSetting("Admin:Token", AdminToken);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Greenhouse:AllowPrivateHosts", "true"); // the sandbox listens on loopback
        builder.UseSetting("PublicBaseUrl", "http://localhost/");     // the test client's own base address
        // Specs drive thousands of requests from one client; the rate-limit specs set their own limits.
        builder.UseSetting("RateLimits:AnonymousPerMinute", "1000000");
        builder.UseSetting("RateLimits:PerTokenPerMinute", "1000000");
        builder.UseSetting("RateLimits:PerOrgPerMinute", "1000000");
        builder.UseSetting("RateLimits:ExpensivePerOrgPerMinute", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Polly", "Warning");
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        builder.UseSetting("Secrets:MasterKey", Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("test master key"u8.ToArray())));
        if (postgresConnectionString is not null)
            builder.UseSetting("ConnectionStrings:Postgres", postgresConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        if (services is not null)
            builder.ConfigureServices(services);
    }
}
