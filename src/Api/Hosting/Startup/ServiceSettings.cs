using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GemScheduling.Api.Hosting.Startup;

/// <summary>
/// The settings an operator gives a replica, as text, so that a mistake can be named rather than thrown from deep in a
/// binder. <see cref="ServiceSettingsValidator"/> checks them before anything reads them, and again through
/// <c>ValidateOnStart</c>.
/// </summary>
internal sealed class ServiceSettings
{
    public string? PostgresConnectionString { get; set; }
    public string? PublicBaseUrl { get; set; }
    public string? MasterKey { get; set; }
    public List<string?> PreviousMasterKeys { get; set; } = [];
    public string? AdminToken { get; set; }
    public string? SiloPort { get; set; }
    public string? ClusterId { get; set; }
    public string? TelemetryExporter { get; set; }
    public string? DemoHarvestVersion { get; set; }
    public string? SmtpPort { get; set; }
    public string? DatabaseWaitSeconds { get; set; }
    public Dictionary<string, string?> Durations { get; set; } = [];
    public Dictionary<string, string?> Flags { get; set; } = [];
    public Dictionary<string, string?> Counts { get; set; } = [];
    public string? GroupCommitLinger { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>How long a starting replica waits for PostgreSQL to answer (Database:StartupWaitSeconds, default 30).</summary>
    public TimeSpan DatabaseWait => TimeSpan.FromSeconds(int.TryParse(DatabaseWaitSeconds, out var seconds) ? Math.Max(1, seconds) : 30);

    public static void Bind(ServiceSettings settings, IConfiguration configuration)
    {
        settings.PostgresConnectionString = configuration.GetConnectionString("Postgres");
        settings.PublicBaseUrl = Value(configuration, PublicUrls.Setting);
        settings.MasterKey = Value(configuration, "Secrets:MasterKey");
        settings.PreviousMasterKeys = configuration.GetSection("Secrets:PreviousMasterKeys").GetChildren().Select(c => c.Value).ToList();
        settings.AdminToken = Value(configuration, "Admin:Token");
        settings.SiloPort = Value(configuration, "Orleans:SiloPort");
        settings.ClusterId = Value(configuration, "Orleans:ClusterId");
        settings.TelemetryExporter = Value(configuration, "Telemetry:Exporter");
        settings.DemoHarvestVersion = Value(configuration, "Demo:HarvestVersion");
        settings.SmtpPort = Value(configuration, "Email:Smtp:Port");
        settings.DatabaseWaitSeconds = Value(configuration, "Database:StartupWaitSeconds");
        settings.Durations = new[] { "Greenhouse:AttemptTimeout", "Greenhouse:TotalTimeout", "Greenhouse:CircuitBreakDuration", "Webhooks:PollIntervalWhenHealthy", "Webhooks:HealthyFor" }
            .ToDictionary(key => key, key => Value(configuration, key));
        settings.Flags = new[] { "Demo:Enabled", "Database:MigrateOnStartup", "Greenhouse:AllowPrivateHosts", "Calendars:AllowPrivateFeeds", "Email:Smtp:UseTls",
                "Database:GroupCommit:Enabled" }
            .ToDictionary(key => key, key => Value(configuration, key));
        settings.Counts = CountLimits.Keys.ToDictionary(key => key, key => Value(configuration, key));
        settings.GroupCommitLinger = Value(configuration, "Database:GroupCommit:Linger");
    }

    /// <summary>Whole-number settings and the range each accepts.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> CountLimits = new Dictionary<string, (int, int)>
    {
        ["Database:GroupCommit:MaxBatchesInFlight"] = (1, 64),
        ["Database:GroupCommit:MaxBatchEvents"] = (1, 10_000),
        ["Webhooks:MaxBodyBytes"] = (1024, 2 * 1024 * 1024),
    };

    /// <summary>An empty value counts as unset, as it does for the code that reads it.</summary>
    private static string? Value(IConfiguration configuration, string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

    public static ServiceSettings From(IConfiguration configuration)
    {
        var settings = new ServiceSettings();
        Bind(settings, configuration);
        return settings;
    }
}

internal sealed class ServiceSettingsValidator : IValidateOptions<ServiceSettings>
{
    public ValidateOptionsResult Validate(string? name, ServiceSettings settings) =>
        Problems(settings).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    /// <summary>Each wrong setting once, named as an environment variable would name it.</summary>
    public static IEnumerable<string> Problems(ServiceSettings s)
    {
        if (!s.IsEmbedded)
        {
            string? connection = null;
            try
            {
                _ = new NpgsqlConnectionStringBuilder(s.PostgresConnectionString);
            }
            catch (ArgumentException ex)
            {
                connection = $"ConnectionStrings__Postgres is not a PostgreSQL connection string ({ex.Message.Split('\n')[0]}).";
            }

            if (connection is not null)
                yield return connection;
            if (string.IsNullOrWhiteSpace(s.MasterKey))
                yield return "Secrets__MasterKey (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) is required with PostgreSQL.";
        }

        if (PublicUrls.Problem(s.PublicBaseUrl, s.IsEmbedded) is { } url)
            yield return url;
        foreach (var (key, value) in new[] { ("Secrets__MasterKey", s.MasterKey) }.Concat(s.PreviousMasterKeys.Select((k, i) => ($"Secrets__PreviousMasterKeys__{i}", k))))
            if (!string.IsNullOrWhiteSpace(value) && !GemScheduling.Security.CredentialProtector.IsMasterKey(value))
                yield return $"{key} must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`).";
        if (s.AdminToken is { Length: > 0 } admin && admin.Length < Auth.AdminToken.MinimumLength)
            yield return $"Admin__Token must be at least {Auth.AdminToken.MinimumLength} characters (or unset: generated per run when embedded, none with PostgreSQL).";
        if (s.SiloPort is not null && !(int.TryParse(s.SiloPort, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536))
            yield return $"Orleans__SiloPort '{s.SiloPort}' must be a port number (1-65535).";
        if (s.SmtpPort is not null && !(int.TryParse(s.SmtpPort, NumberStyles.Integer, CultureInfo.InvariantCulture, out var smtp) && smtp is > 0 and < 65536))
            yield return $"Email__Smtp__Port '{s.SmtpPort}' must be a port number (1-65535).";
        if (s.DatabaseWaitSeconds is not null && !(int.TryParse(s.DatabaseWaitSeconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var wait) && wait is > 0 and <= 600))
            yield return $"Database__StartupWaitSeconds '{s.DatabaseWaitSeconds}' must be 1-600.";
        if (s.ClusterId is { Length: > 150 } cluster)
            yield return $"Orleans__ClusterId '{cluster[..20]}…' must be at most 150 characters.";
        if (s.TelemetryExporter is { } exporter && exporter.ToLowerInvariant() is not ("none" or "console" or "otlp"))
            yield return $"Telemetry__Exporter '{exporter}' must be none, console or otlp.";
        if (s.IsEmbedded && (s.Flags.GetValueOrDefault("Demo:Enabled") is not { } demo || !bool.TryParse(demo, out var on) || on) && s.DemoHarvestVersion is { } version
            && version.ToLowerInvariant() is not ("v1" or "v3"))
            yield return $"Demo__HarvestVersion '{version}' must be v1 or v3.";
        foreach (var (key, value) in s.Durations)
            if (value is not null && !(TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero))
                yield return $"{key.Replace(":", "__")} '{value}' must be a positive duration such as 00:00:30.";
        foreach (var (key, value) in s.Flags)
            if (value is not null && !bool.TryParse(value, out _))
                yield return $"{key.Replace(":", "__")} '{value}' must be true or false.";
        foreach (var (key, value) in s.Counts)
            if (value is not null && ServiceSettings.CountLimits[key] is var (min, max)
                && !(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= min && count <= max))
                yield return $"{key.Replace(":", "__")} '{value}' must be a whole number from {min} to {max}.";
        if (s.GroupCommitLinger is { } linger
            && !(TimeSpan.TryParse(linger, CultureInfo.InvariantCulture, out var lingers) && lingers >= TimeSpan.Zero && lingers <= TimeSpan.FromMilliseconds(100)))
            yield return $"Database__GroupCommit__Linger '{linger}' must be a duration from 00:00:00 to 00:00:00.1.";
    }
}

internal static class ServiceSettingsRegistration
{
    /// <summary>Checks the settings before anything else reads them (a bad one ends start-up as one line), then registers them with ValidateOnStart.</summary>
    public static ServiceSettings AddServiceSettings(this WebApplicationBuilder builder)
    {
        var settings = ServiceSettings.From(builder.Configuration);
        if (ServiceSettingsValidator.Problems(settings).ToList() is { Count: > 0 } problems)
            throw new StartupProblem(string.Join(" ", problems));
        builder.Services.AddSingleton<IValidateOptions<ServiceSettings>, ServiceSettingsValidator>();
        builder.Services.AddOptions<ServiceSettings>().Configure<IConfiguration>(ServiceSettings.Bind).ValidateOnStart();
        return settings;
    }
}
