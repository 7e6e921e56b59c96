using Microsoft.Extensions.Options;
using Npgsql;

namespace GemScheduling.Api.Hosting.Startup;

/// <summary>Start-up cannot go on because of something the operator can fix; the message says what, in one line.</summary>
internal sealed class StartupProblem(string message) : Exception(message);

internal static class StartupFailures
{
    public const int ExitCode = 2;

    /// <summary>
    /// Runs the service; a wrong setting or an unreachable database ends it with one line on stderr and exit code 2,
    /// not a stack trace. Anything else is a bug and keeps its stack trace.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> main)
    {
        try
        {
            return await main();
        }
        catch (Exception ex) when (Explain(ex) is { } line)
        {
            await Console.Error.WriteLineAsync($"GemScheduling cannot start: {line}");
            return ExitCode;
        }
    }

    public static string? Explain(Exception ex) => ex switch
    {
        StartupProblem problem => problem.Message,
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException { InnerExceptions.Count: 1 } single => Explain(single.InnerExceptions[0]),
        _ => null,
    };

    /// <summary>
    /// Waits up to <paramref name="patience"/> for PostgreSQL to answer (a compose file may start it with the
    /// replicas), so that a database that is not there is reported as such before the silo tries to use it.
    /// </summary>
    public static async Task WaitForDatabaseAsync(string connectionString, TimeSpan patience)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(target.ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                if (DateTimeOffset.UtcNow >= deadline)
                    throw new StartupProblem(
                        $"PostgreSQL at {target.Host}:{target.Port} (database {target.Database ?? "(default)"}, user {target.Username ?? "(default)"}) did not answer within {patience.TotalSeconds:0} s: {FirstLine(ex)}. Start it, or fix ConnectionStrings__Postgres (unset it for the embedded default).");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static string FirstLine(Exception ex) => (ex.InnerException?.Message ?? ex.Message).Split('\n')[0].Trim().TrimEnd('.');
}
