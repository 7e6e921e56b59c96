using GemScheduling.EventSourcing;
using GemScheduling.Persistence.EventStore;
using Microsoft.AspNetCore.Diagnostics;

namespace GemScheduling.Api.Hosting;

/// <summary>Turns known failures into RFC 9457 problem responses; anything unknown stays a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            EventStoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                "GemScheduling cannot reach its database right now. Nothing was lost; retry shortly."),
            ConcurrencyConflictException conflict => (StatusCodes.Status409Conflict, "Concurrent change", conflict.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
            TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Timed out", "The operation did not finish in time; retry shortly."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", null),
        };

        if (status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", httpContext.Request.Method, httpContext.Request.Path, status);
        if (status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = "5";

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
