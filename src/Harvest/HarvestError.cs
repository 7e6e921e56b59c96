using System.Net;

namespace GemScheduling.Harvest;

/// <summary>What went wrong talking to Greenhouse, in terms a caller can act on and a user can read.</summary>
public enum HarvestErrorKind
{
    /// <summary>401: the key (or token) is missing, invalid or revoked.</summary>
    Unauthorized,
    /// <summary>403: the credential lacks the endpoint's permission (or the acting user cannot see the record).</summary>
    Forbidden,
    /// <summary>404: the record does not exist (also an unknown or disabled On-Behalf-Of user).</summary>
    NotFound,
    /// <summary>422 (or 400): Greenhouse refused the request's content.</summary>
    Validation,
    /// <summary>429: over the rate limit; retry after <see cref="HarvestApiException.RetryAfter"/>.</summary>
    RateLimited,
    /// <summary>5xx from Greenhouse.</summary>
    ServerError,
    /// <summary>No response: the connection was refused or dropped.</summary>
    Transport,
    /// <summary>Not sent: Greenhouse has been failing for this org and the circuit is open.</summary>
    CircuitOpen,
    /// <summary>No response in time (an attempt or the whole call).</summary>
    Timeout,
    /// <summary>An answer not to use: unreadable, over the size cap, a redirect, or paging that contradicts itself.</summary>
    InvalidResponse,
    /// <summary>Not sent: the host or the address it resolves to is not one the operator allows.</summary>
    HostNotAllowed,
    /// <summary>
    /// Not sent: GemScheduling's own rate budget for the org could not admit the call within the wait its caller
    /// allows; <see cref="HarvestApiException.RetryAfter"/> says when it will.
    /// </summary>
    OverBudget,
}

public sealed record HarvestFieldError(string? Field, string Message);

/// <summary>
/// One typed error for every Harvest failure. <see cref="IsAmbiguous"/> tells a writer whether Greenhouse may have
/// applied the request anyway (a timeout, a dropped connection or a 5xx), so it must look the write up before retrying.
/// </summary>
public sealed class HarvestApiException : Exception
{
    public HarvestApiException(HarvestErrorKind kind, HttpStatusCode? status, string message, IReadOnlyList<HarvestFieldError>? fieldErrors = null,
        TimeSpan? retryAfter = null, string? endpoint = null, Exception? inner = null)
        : base(Describe(kind, status, message, endpoint), inner)
    {
        Kind = kind;
        Status = status;
        GreenhouseMessage = message;
        FieldErrors = fieldErrors ?? [];
        RetryAfter = retryAfter;
        Endpoint = endpoint;
    }

    public HarvestErrorKind Kind { get; }
    public HttpStatusCode? Status { get; }

    /// <summary>What Greenhouse said (its <c>message</c>), or what happened on the wire.</summary>
    public string GreenhouseMessage { get; }

    public IReadOnlyList<HarvestFieldError> FieldErrors { get; }
    public TimeSpan? RetryAfter { get; }

    /// <summary>The permission-level endpoint, e.g. <c>POST /v2/scheduled_interviews</c>.</summary>
    public string? Endpoint { get; }

    public bool IsAmbiguous => Kind is HarvestErrorKind.Transport or HarvestErrorKind.ServerError or HarvestErrorKind.Timeout or HarvestErrorKind.InvalidResponse;

    /// <summary>Retrying later may succeed; a permanent error (other 4xx) will fail the same way every time.</summary>
    public bool IsTransient => Kind is HarvestErrorKind.Transport or HarvestErrorKind.ServerError or HarvestErrorKind.RateLimited or HarvestErrorKind.OverBudget
        or HarvestErrorKind.CircuitOpen or HarvestErrorKind.Timeout or HarvestErrorKind.InvalidResponse;

    private static string Describe(HarvestErrorKind kind, HttpStatusCode? status, string message, string? endpoint) =>
        $"Greenhouse {(endpoint is null ? "" : endpoint + " ")}failed: {kind}{(status is null ? "" : $" ({(int)status})")}: {message}";
}
