using System.Globalization;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// Standalone entry point:
/// <c>dotnet run --project src/HarvestSandbox -- --urls http://127.0.0.1:5080 --seed 42 --scale demo</c>.
/// Other options: <c>--rate-limit N</c> (0 = off), <c>--admin-token T</c>, <c>--reference-date YYYY-MM-DD</c>, <c>--verbose</c>.
/// </summary>
public static class SandboxProgram
{
    public static async Task<int> Main(string[] args)
    {
        SandboxOptions options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync("Usage: --urls URL --seed N --scale empty|demo|large [--rate-limit N] [--admin-token T] [--reference-date YYYY-MM-DD] [--verbose]");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await using var server = await HarvestSandboxServer.StartAsync(options, stop.Token);
        var org = server.State.DemoOrganization;
        Console.WriteLine($"Harvest sandbox listening on {server.BaseAddress}");
        Console.WriteLine($"Admin API: {server.AdminAddress}{(options.AdminToken is null ? "" : " (Bearer token required)")}");
        if (org is not null)
        {
            var summary = org.Summary();
            Console.WriteLine($"Demo organization {org.Id} \"{org.Name}\" (seed {org.Seed}, scale {org.Scale.Name}, rate limit {org.RateLimit?.ToString(CultureInfo.InvariantCulture) ?? "off"}):");
            Console.WriteLine($"  {summary.Users} users, {summary.Jobs} jobs, {summary.Candidates} candidates, {summary.Applications} applications, {summary.ScheduledInterviews} scheduled interviews");
            foreach (var key in org.ApiKeys())
            {
                Console.WriteLine($"  API key {key.Id}: {key.Key}  ({key.Permissions.Count} permissions)");
            }

            if (server.State.DemoV3Credentials is { } v3)
            {
                Console.WriteLine($"  Harvest v3 client {v3.ClientId}, secret {v3.ClientSecret}  ({v3.Scopes.Count} scopes; token endpoint {server.TokenEndpoint})");
            }

            Console.WriteLine($"Try: curl -u {server.State.DemoApiKey}: {server.BaseAddress}v1/jobs?per_page=2 -i");
            if (server.State.DemoV3Credentials is { } c)
            {
                Console.WriteLine($"     curl -u {c.ClientId}:{c.ClientSecret} -d grant_type=client_credentials {server.TokenEndpoint}");
                Console.WriteLine($"     curl -H \"Authorization: Bearer <access_token>\" {server.BaseAddress}v3/jobs?per_page=2 -i");
            }
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, server.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    internal static SandboxOptions Parse(string[] args)
    {
        var options = new SandboxOptions { LogToConsole = true, DemoV3Credentials = true };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--urls" => options with { Urls = Value() },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--scale" => options with { DemoScale = DataScale.Parse(Value()) },
                "--rate-limit" => options with { DemoRateLimit = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--admin-token" => options with { AdminToken = Value() },
                "--reference-date" => options with { ReferenceDate = DateOnly.Parse(Value(), CultureInfo.InvariantCulture) },
                "--no-demo" => options with { DemoOrg = false },
                "--verbose" => options with { MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Information },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }
}
