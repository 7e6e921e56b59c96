using Orleans.Runtime;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// "Repeat while the silo is dead": a grain call that meets a silo which has just died (<see cref="SiloUnavailableException"/>,
/// a rejected message) fails until the cluster declares that silo dead and the grain is activated elsewhere. Membership
/// takes about 15 s to declare a killed silo dead (longer when CPUs are starved), so the repeats of
/// <see cref="FailoverRetryOptions.Delays"/> span about 25 s: inside the 30 s request timeout, longer than detection.
/// Only for calls a repeat cannot do twice (reads; commands whose route says so, see <see cref="FailoverRetryFilter"/>).
/// </summary>
public static class SiloFailover
{
    public static bool IsFailover(Exception exception) => exception is SiloUnavailableException or OrleansMessageRejectionException
        || exception.InnerException is SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>Runs <paramref name="call"/>, repeating it after each delay while it fails because a silo is gone.</summary>
    public static async Task<T> RepeatAsync<T>(Func<Task<T>> call, FailoverRetryOptions options, ILogger logger, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsFailover(ex) && attempt < options.Delays.Count && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("A silo is gone ({Failure}); repeating {What} in {Delay} ms (repeat {Attempt} of {Repeats})", ex.GetType().Name, what,
                    options.Delays[attempt].TotalMilliseconds, attempt + 1, options.Delays.Count);
                await Task.Delay(options.Delays[attempt], cancellationToken);
            }
        }
    }
}
