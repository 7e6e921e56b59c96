using System.Text.Json;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.EventStore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GemScheduling.Api.Hosting;

/// <summary>Turns known failures into RFC 9457 problem responses; anything unknown stays a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception, httpContext);
        var status = problem.Status!.Value;
        // The route, not the path: a path can hold a secret (an availability link's token).
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (status >= 500 && status is not (StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout))
            logger.LogError(exception, "Request {Method} {Route} failed with {Status}", httpContext.Request.Method, route, status);
        else if (status >= 500)
            logger.LogWarning("Request {Method} {Route} answered {Status}: {Reason}", httpContext.Request.Method, route, status, exception.Message);
        if (status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(exception).ToString(System.Globalization.CultureInfo.InvariantCulture);

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static ProblemDetails ToProblem(Exception exception, HttpContext http) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [JsonField(json.Path)] = [JsonMessage(json)],
        })
        {
            Status = StatusCodes.Status400BadRequest, Title = "The request body is not valid JSON for this endpoint.", Type = Problems.TypeBase + "malformed-body",
        },
        BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message, "bad-request"),
        // What ASP.NET Core's form reader throws for a form it refuses (too many values, a NUL, a value too long).
        InvalidDataException unreadable => Problem(StatusCodes.Status400BadRequest, "Form not readable", unreadable.Message, "malformed-form"),
        ValidationFailedException invalid => new HttpValidationProblemDetails(invalid.Errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity, Title = invalid.Message, Type = Problems.TypeBase + "validation",
        },
        UnstorableValueException unstorable => Problem(StatusCodes.Status422UnprocessableEntity, "Value cannot be stored", unstorable.Message, "unstorable-value"),
        ResourceNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message, "not-found"),
        ConflictException conflict => With(Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message, "conflict"), "conflict", conflict.Details),
        PreconditionFailedException stale => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", stale.Message, "stale-version"),
        ConcurrencyConflictException conflict => Problem(StatusCodes.Status409Conflict, "Concurrent change", conflict.Message, "concurrent-change"),
        GreenhousePermissionMissingException missing => With(With(
            Problem(StatusCodes.Status403Forbidden, "Greenhouse permission missing", missing.Message, "greenhouse-permission-missing"),
            "permission", missing.PermissionId), "permissionName", missing.PermissionName),
        GreenhouseException greenhouse => GreenhouseProblems.For(greenhouse),
        ServiceUnavailableException unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", unavailable.Message, "storage-unavailable"),
        Npgsql.NpgsqlException or System.Net.Sockets.SocketException => Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
            "GemScheduling cannot reach its database right now. Nothing acknowledged was lost; retry shortly.", "storage-unavailable"),
        Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException => Problem(StatusCodes.Status503ServiceUnavailable,
            "Cluster busy", "A part of the cluster is restarting; retry shortly.", "cluster-unavailable"),
        EventStoreUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
            "GemScheduling cannot reach its database right now. Nothing acknowledged was lost; retry shortly.", "storage-unavailable"),
        OperationCanceledException when http.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request", null, "cancelled"),
        TimeoutException => Problem(StatusCodes.Status503ServiceUnavailable, "Timed out", "The operation did not finish in time; retry shortly.", "timeout"),
        _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error", null, "unexpected"),
    };

    /// <summary>How long a 503 asks the client to wait: what Greenhouse or the budget said, else 5 s.</summary>
    private static int RetryAfterSeconds(Exception exception) =>
        exception is GreenhouseException { RetryAfter: { } wait } ? Math.Clamp((int)Math.Ceiling(wait.TotalSeconds), 1, 3600) : 5;

    private static ProblemDetails Problem(int status, string title, string? detail, string type) =>
        new() { Status = status, Title = title, Detail = detail, Type = Problems.TypeBase + type };

    private static ProblemDetails With(ProblemDetails problem, string key, object? value)
    {
        problem.Extensions[key] = value;
        return problem;
    }

    private static string JsonField(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // The serializer's message can quote CLR type names; keep the part a client can act on.
    private static string JsonMessage(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? $"'{JsonField(json.Path)}' is not a field of this request."
        : json.Path is null or "$" ? "The body is not valid JSON."
        : $"The value at '{JsonField(json.Path)}' has the wrong type or format.";
}
