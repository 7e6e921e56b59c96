using GemScheduling.Persistence;
using GemScheduling.Persistence.Database;
using Microsoft.Extensions.Logging.Abstractions;

namespace GemScheduling.Api.Hosting;

/// <summary><c>GemScheduling.Api migrate</c>: applies the schema to ConnectionStrings:Postgres and exits.</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("migrate: set ConnectionStrings__Postgres (or --ConnectionStrings:Postgres=...) to the database to migrate.");
            return 2;
        }

        var services = new ServiceCollection().AddLogging().AddPostgresPersistence(connectionString).BuildServiceProvider();
        await using var _ = services;
        var report = await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        Console.WriteLine(report.Applied.Count == 0
            ? $"migrate: schema is up to date ({report.Known} migrations)."
            : $"migrate: applied {string.Join(", ", report.Applied)}.");
        return 0;
    }
}
