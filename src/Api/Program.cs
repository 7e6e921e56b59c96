using GemScheduling.Api.Webhooks;
using GemScheduling.Api.Applications;
using GemScheduling.Api.Auth;
using GemScheduling.Api.Availability;
using GemScheduling.Api.Embedded;
using GemScheduling.Api.Emails;
using GemScheduling.Api.Greenhouse;
using GemScheduling.Api.Harvest;
using GemScheduling.Api.Interviewers;
using GemScheduling.Api.Hosting;
using GemScheduling.Api.Hosting.DataProtection;
using GemScheduling.Api.Hosting.Startup;
using GemScheduling.Api.Orgs;
using GemScheduling.Api.Pages.Shared;
using GemScheduling.Api.ReadModel;
using GemScheduling.Api.Schedules;
using GemScheduling.Api.SelfScheduling;
using GemScheduling.Api.Sync;
using GemScheduling.Api.Tokens;
using GemScheduling.Silo;

if (args is ["migrate", ..])
    return await MigrateCommand.RunAsync(args[1..]);

return await StartupFailures.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    var settings = builder.AddServiceSettings();
    builder.UseLocalUrlWhenNoneConfigured();
    builder.AddGemSchedulingSilo();
    builder.AddServiceDefaults();
    builder.AddBearerTokens();
    builder.AddSharedKeyRing(settings.IsEmbedded);
    builder.AddPages();
    builder.AddSelfScheduling();
    if (EmbeddedDemoSwitch.IsEnabled(builder.Configuration))
        EmbeddedDemoSwitch.Register(builder.Services);

    var app = builder.Build();
    app.UseServiceDefaults();
    app.MapDefaultEndpoints();
    app.MapOrgs();
    app.MapTokens();
    app.MapGreenhouse();
    app.MapGreenhouseWebhooks();
    app.MapHarvestBudget();
    app.MapSync();
    app.MapGreenhouseData();
    app.MapApplicationContext();
    app.MapSchedules();
    app.MapEmails();
    app.MapAvailability();
    app.MapAvailabilityLinks();
    app.MapSelfScheduling();
    app.MapInterviewers();
    app.MapPages();
    app.AnnounceStartup();

    if (!settings.IsEmbedded)
        await StartupFailures.WaitForDatabaseAsync(settings.PostgresConnectionString!, settings.DatabaseWait);
    await app.RunAsync();
    return 0;
});

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
