using GemScheduling.Harvest;

namespace GemScheduling.Greenhouse;

/// <summary>The one place the Harvest client's errors become the port's.</summary>
internal static class GreenhouseFailures
{
    public static GreenhouseException From(HarvestApiException ex) => new(
        ex.Kind switch
        {
            HarvestErrorKind.Unauthorized => GreenhouseFailure.CredentialRejected,
            HarvestErrorKind.Forbidden => GreenhouseFailure.Forbidden,
            HarvestErrorKind.NotFound => GreenhouseFailure.NotFound,
            HarvestErrorKind.Validation => GreenhouseFailure.Rejected,
            HarvestErrorKind.RateLimited => GreenhouseFailure.RateLimited,
            HarvestErrorKind.ServerError => GreenhouseFailure.ServerError,
            HarvestErrorKind.Transport => GreenhouseFailure.Unreachable,
            HarvestErrorKind.CircuitOpen => GreenhouseFailure.CircuitOpen,
            HarvestErrorKind.Timeout => GreenhouseFailure.TimedOut,
            HarvestErrorKind.InvalidResponse => GreenhouseFailure.InvalidResponse,
            HarvestErrorKind.HostNotAllowed => GreenhouseFailure.HostNotAllowed,
            HarvestErrorKind.OverBudget => GreenhouseFailure.OverBudget,
            _ => GreenhouseFailure.InvalidResponse,
        },
        ex.GreenhouseMessage, ex.Status is null ? null : (int)ex.Status, ex.Endpoint, ex.RetryAfter,
        ex.FieldErrors.GroupBy(f => f.Field ?? "").ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()));

    public static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HarvestApiException ex)
        {
            throw From(ex);
        }
    }

    public static async Task Translate(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (HarvestApiException ex)
        {
            throw From(ex);
        }
    }
}
