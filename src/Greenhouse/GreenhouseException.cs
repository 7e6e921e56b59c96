namespace GemScheduling.Greenhouse;

/// <summary>What went wrong talking to Greenhouse, as a closed set a caller can switch on and the API can map.</summary>
[GenerateSerializer, Alias("gs.greenhouse-failure")]
public enum GreenhouseFailure
{
    /// <summary>Greenhouse refused the stored credential (401): invalid, revoked or rotated.</summary>
    CredentialRejected,
    /// <summary>403: the credential lacks the endpoint's permission, or the acting user cannot see the record.</summary>
    Forbidden,
    /// <summary>404: the record does not exist in Greenhouse (or an acting user that does not).</summary>
    NotFound,
    /// <summary>400/422: Greenhouse refused the request's content.</summary>
    Rejected,
    /// <summary>429: Greenhouse's rate limit.</summary>
    RateLimited,
    /// <summary>5xx from Greenhouse.</summary>
    ServerError,
    /// <summary>No answer: the connection was refused or dropped.</summary>
    Unreachable,
    /// <summary>No answer in time.</summary>
    TimedOut,
    /// <summary>Not sent: Greenhouse has been failing for this org and calls are paused.</summary>
    CircuitOpen,
    /// <summary>An answer GemScheduling will not use: unreadable, too large, a redirect, or paging that lies.</summary>
    InvalidResponse,
    /// <summary>Not sent: the address is not one the operator lets GemScheduling reach.</summary>
    HostNotAllowed,
    /// <summary>Not sent: the org's rate budget (GemScheduling's own) is full until <see cref="GreenhouseException.RetryAfter"/>.</summary>
    OverBudget,
}

/// <summary>
/// The one exception the Greenhouse port throws, serializable across the cluster. <see cref="IsAmbiguous"/> tells a
/// writer that Greenhouse may have applied the request anyway, so it must look the write up before trying again.
/// </summary>
[GenerateSerializer, Alias("gs.greenhouse-exception")]
public sealed class GreenhouseException : Exception
{
    public GreenhouseException(GreenhouseFailure kind, string greenhouseMessage, int? status = null, string? endpoint = null,
        TimeSpan? retryAfter = null, Dictionary<string, string[]>? fieldErrors = null, Exception? inner = null)
        : base($"Greenhouse {endpoint ?? "call"} failed ({kind}{(status is null ? "" : $", {status}")}): {greenhouseMessage}", inner)
    {
        Kind = kind;
        GreenhouseMessage = greenhouseMessage;
        Status = status;
        Endpoint = endpoint;
        RetryAfter = retryAfter;
        FieldErrors = fieldErrors ?? [];
    }

    [Id(0)] public GreenhouseFailure Kind { get; private set; }

    /// <summary>What Greenhouse said (its <c>message</c>), or what happened on the wire; never a secret.</summary>
    [Id(1)] public string GreenhouseMessage { get; private set; }

    [Id(2)] public int? Status { get; private set; }

    /// <summary>The permission-level endpoint, e.g. <c>POST /v2/scheduled_interviews</c>.</summary>
    [Id(3)] public string? Endpoint { get; private set; }

    [Id(4)] public TimeSpan? RetryAfter { get; private set; }

    [Id(5)] public Dictionary<string, string[]> FieldErrors { get; private set; }

    /// <summary>Greenhouse may have acted although no usable answer came back.</summary>
    public bool IsAmbiguous => Kind is GreenhouseFailure.ServerError or GreenhouseFailure.Unreachable or GreenhouseFailure.TimedOut or GreenhouseFailure.InvalidResponse;

    /// <summary>Trying again later may succeed; anything else fails the same way every time.</summary>
    public bool IsTransient => Kind is GreenhouseFailure.RateLimited or GreenhouseFailure.OverBudget or GreenhouseFailure.ServerError or GreenhouseFailure.Unreachable
        or GreenhouseFailure.TimedOut or GreenhouseFailure.CircuitOpen or GreenhouseFailure.InvalidResponse;

    /// <summary>The message with field errors, for logs and write-back status.</summary>
    public string Describe() => FieldErrors.Count == 0
        ? Message
        : $"{Message} ({string.Join("; ", FieldErrors.SelectMany(f => f.Value.Select(m => f.Key.Length == 0 ? m : $"{f.Key}: {m}")))})";
}
