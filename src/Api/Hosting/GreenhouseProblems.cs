using GemScheduling.Greenhouse;
using Microsoft.AspNetCore.Mvc;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// A Greenhouse failure is never GemScheduling's own 500: 502 when Greenhouse failed or refused (with what it said),
/// 503 with Retry-After when a rate limit or a paused circuit holds the call, 504 when it did not answer in time.
/// </summary>
internal static class GreenhouseProblems
{
    public static ProblemDetails For(GreenhouseException failure)
    {
        var (status, title) = failure.Kind switch
        {
            GreenhouseFailure.RateLimited => (StatusCodes.Status503ServiceUnavailable, "Greenhouse rate limit reached"),
            GreenhouseFailure.OverBudget => (StatusCodes.Status503ServiceUnavailable, "The org's Greenhouse rate budget is in use"),
            GreenhouseFailure.CircuitOpen => (StatusCodes.Status503ServiceUnavailable, "Greenhouse calls paused"),
            GreenhouseFailure.TimedOut => (StatusCodes.Status504GatewayTimeout, "Greenhouse did not answer in time"),
            GreenhouseFailure.Unreachable => (StatusCodes.Status502BadGateway, "Greenhouse could not be reached"),
            GreenhouseFailure.ServerError => (StatusCodes.Status502BadGateway, "Greenhouse failed"),
            GreenhouseFailure.InvalidResponse => (StatusCodes.Status502BadGateway, "Greenhouse answered in a way GemScheduling does not trust"),
            GreenhouseFailure.HostNotAllowed => (StatusCodes.Status502BadGateway, "Greenhouse host not allowed"),
            GreenhouseFailure.CredentialRejected => (StatusCodes.Status502BadGateway, "Greenhouse rejected the org's credential"),
            GreenhouseFailure.Forbidden => (StatusCodes.Status502BadGateway, "Greenhouse refused access"),
            GreenhouseFailure.NotFound => (StatusCodes.Status502BadGateway, "Greenhouse did not find a record"),
            _ => (StatusCodes.Status502BadGateway, "Greenhouse refused the request"),
        };
        var problem = new ProblemDetails
        {
            Status = status, Title = title, Detail = failure.Message, Type = Problems.TypeBase + "greenhouse",
        };
        problem.Extensions["greenhouse"] = new GreenhouseSaid(failure.Kind, failure.Status, failure.GreenhouseMessage, failure.Endpoint, failure.FieldErrors);
        return problem;
    }
}

/// <summary>What Greenhouse said, as a problem response shows it.</summary>
public sealed record GreenhouseSaid(GreenhouseFailure Failure, int? Status, string Message, string? Endpoint, IReadOnlyDictionary<string, string[]> Errors);
