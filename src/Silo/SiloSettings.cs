using Microsoft.Extensions.Configuration;

namespace GemScheduling.Silo;

/// <summary>Everything that decides how a replica joins the cluster. No connection string means the embedded default.</summary>
public sealed record SiloSettings
{
    public string? PostgresConnectionString { get; init; }
    public string ClusterId { get; init; } = "gemscheduling";
    public string ServiceId { get; init; } = "gemscheduling";
    public int SiloPort { get; init; } = 11111;

    /// <summary>Host name or IP this replica advertises to the others; defaults to the machine's host name.</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>The interface silo-to-silo traffic listens on (a private network's address); defaults to the advertised address.</summary>
    public string? ListenAddress { get; init; }

    public bool MigrateOnStartup { get; init; } = true;

    /// <summary>Whether the silo collects what the Orleans Dashboard shows, and the API serves it to operator sessions (<c>Operator:Dashboard</c>).</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary>How writes share PostgreSQL commits (<c>Database:GroupCommit:*</c>); on unless the operator turns it off.</summary>
    public Persistence.Database.GroupCommitOptions GroupCommit { get; init; } = new();

    public bool IsEmbedded => string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>Where Greenhouse calls may go; private hosts only when the operator says so, or for the embedded demo's sandbox.</summary>
    public Greenhouse.GreenhouseSettings Greenhouse { get; init; } = new();

    public static SiloSettings From(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        return new SiloSettings
        {
            PostgresConnectionString = configuration.GetConnectionString("Postgres"),
            ClusterId = orleans["ClusterId"] ?? "gemscheduling",
            ServiceId = orleans["ServiceId"] ?? "gemscheduling",
            SiloPort = orleans.GetValue("SiloPort", 11111),
            AdvertisedHost = orleans["AdvertisedHost"],
            ListenAddress = orleans["ListenAddress"],
            MigrateOnStartup = configuration.GetValue("Database:MigrateOnStartup", true),
            Dashboard = configuration.GetValue("Operator:Dashboard", true),
            GroupCommit = configuration.GetSection("Database:GroupCommit").Get<Persistence.Database.GroupCommitOptions>() ?? new(),
            Greenhouse = new Greenhouse.GreenhouseSettings
            {
                AllowPrivateHosts = configuration.GetValue<bool?>("Greenhouse:AllowPrivateHosts")
                                    ?? (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")) && configuration.GetValue("Demo:Enabled", true)),
                AllowedHosts = configuration.GetSection("Greenhouse:AllowedHosts").GetChildren()
                    .Select(c => c.Value?.Trim()).Where(h => !string.IsNullOrEmpty(h)).Select(h => h!).ToList(),
                AttemptTimeout = configuration.GetValue<TimeSpan?>("Greenhouse:AttemptTimeout"),
                TotalTimeout = configuration.GetValue<TimeSpan?>("Greenhouse:TotalTimeout"),
                CircuitBreakDuration = configuration.GetValue<TimeSpan?>("Greenhouse:CircuitBreakDuration"),
            },
        };
    }
}
