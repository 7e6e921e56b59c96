using GemScheduling.HarvestSandbox.Admin.Http;
using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.HarvestV3;
using GemScheduling.HarvestSandbox.OAuth;
using Microsoft.Extensions.Logging;

namespace GemScheduling.HarvestSandbox.Hosting;

/// <summary>Builds the sandbox's own WebApplication: Kestrel, the Harvest v1/v2 and v3 surfaces, the token endpoint and /_admin.</summary>
internal static class SandboxApplication
{
    public static WebApplication Build(SandboxOptions options, SandboxState state, SandboxServerInfo serverInfo)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
            Args = [],
        });

        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(serverInfo);
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton<HarvestEndpointRunner>();
        builder.Services.AddSingleton<HarvestV3EndpointRunner>();
        builder.Services.AddSingleton<TokenEndpoint>();

        var app = builder.Build();
        var routes = new HarvestRoutes(app.MapGroup("/v1"), app.MapGroup("/v2"), app.Services.GetRequiredService<HarvestEndpointRunner>());
        routes.MapApplications();
        routes.MapCandidates();
        routes.MapActivityFeed();
        routes.MapUsers();
        routes.MapScheduledInterviewReads();
        routes.MapScheduledInterviewWrites();
        routes.MapJobs();
        routes.MapJobPosts();
        routes.MapJobStages();
        routes.MapOffices();

        var v3 = new V3Routes(app.MapGroup("/v3"), app.Services.GetRequiredService<HarvestV3EndpointRunner>());
        v3.MapV3Applications();
        v3.MapV3People();
        v3.MapV3Interviews();
        v3.MapV3Notes();
        v3.MapV3Jobs();
        var tokenEndpoint = app.Services.GetRequiredService<TokenEndpoint>();
        app.MapPost("/auth/token", tokenEndpoint.HandleAsync).WithDisplayName("POST /auth/token (auth.token)");

        app.MapAdmin(state, options.AdminToken);
        app.MapFallback(context => HarvestResults.NotFound().ExecuteAsync(context));
        return app;
    }
}
