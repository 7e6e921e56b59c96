using System.Text.Json.Serialization;
using GemScheduling.Api.Health;
using GemScheduling.Api.RateLimits;
using GemScheduling.Silo;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GemScheduling.Api.Hosting;

public static class ServiceDefaults
{
    public const string TelemetryName = "GemScheduling";

    /// <summary>Problem responses, JSON, health checks, OpenAPI and OpenTelemetry: what every replica's front door has.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Body-binding failures reach ProblemExceptionHandler, which names the offending field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new SafeIntegerConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // A member this API does not know is a client mistake (a typo, the wrong endpoint): say so instead of ignoring it.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // A number is a JSON number (ids excepted, see SafeIntegerConverter): the document then says "integer", not "integer or string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddApiDocument();
        builder.Services.AddSingleton(new FailoverRetryOptions());
        builder.Services.AddSingleton<FailoverRetryFilter>();
        builder.Services.AddSingleton(new Webhooks.WebhookReceiverOptions(builder.Configuration.GetValue("Webhooks:MaxBodyBytes", 1024 * 1024)));

        // Deliberate limits: bodies up to 2 MB (an .ics file is the largest legitimate one), headers up to 32 KB,
        // and no request runs longer than 30 s (the grain-call timeout) — it answers 503 instead.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 2 * 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(30), TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });

        var health = builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        var settings = SiloSettings.From(builder.Configuration);
        if (!settings.IsEmbedded)
            health.AddCheck<StorageHealthCheck>("postgresql", tags: ["ready"]);

        builder.AddTelemetry();
        builder.AddRateLimits();
        // Request lines name the path, and an availability link's path is its secret: ASP.NET's request logging stays
        // at Warning whatever the configuration says (this rule is added after the configured ones, so it wins).
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning, null)));
        builder.Services.AddSingleton<PublicUrls>();
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStorageGate();
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseRateLimiter(); // knows the caller, and runs before any authorization or endpoint work
        app.UseAuthorization();
        return app;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = builder.Configuration["Telemetry:Exporter"]?.ToLowerInvariant() ?? "none";
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(TelemetryName))
            .WithTracing(t => t
                .AddSource(TelemetryName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = c => !c.Request.Path.StartsWithSegments("/health");
                    // A link token is a bearer secret: traces carry the route, never the token.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        foreach (var linkPath in (string[])[Availability.AvailabilityLinksApi.CandidatePath, Availability.AvailabilityLinksApi.PagePath,
                                     SelfScheduling.CandidateBookingApi.BookPath, SelfScheduling.CandidateBookingApi.ManagePath, Planning.SelfServicePaths.Book, Planning.SelfServicePaths.Manage])
                        {
                            if (request.Path.StartsWithSegments(linkPath))
                            {
                                activity.SetTag("url.path", linkPath + "/{token}");
                                activity.SetTag("url.full", null);
                            }
                        }
                    };
                })
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(TelemetryName, "Microsoft.Orleans", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        switch (exporter)
        {
            case "none":
                break;
            case "console":
                otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
                break;
            case "otlp":
                // Endpoint and headers come from the standard OTEL_EXPORTER_OTLP_* settings.
                otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
                break;
            default:
                throw new InvalidOperationException($"Telemetry:Exporter must be none, console or otlp, not '{exporter}'.");
        }
    }
}
