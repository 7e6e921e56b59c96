using GemScheduling.Api.Hosting;
using GemScheduling.Silo;

if (args is ["migrate", ..])
    return await MigrateCommand.RunAsync(args[1..]);

var builder = WebApplication.CreateBuilder(args);
builder.UseLocalUrlWhenNoneConfigured();
builder.AddGemSchedulingSilo();
builder.AddServiceDefaults();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.AnnounceUrls();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
