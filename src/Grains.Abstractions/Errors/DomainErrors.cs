namespace GemScheduling;

/// <summary>A command was refused because of its content; the API answers 422 listing every field's problems.</summary>
[GenerateSerializer, Alias("gs.validation-failed")]
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IDictionary<string, string[]> errors, string? title = null)
        : base(title ?? "The request is not valid.")
    {
        Errors = new Dictionary<string, string[]>(errors);
    }

    public ValidationFailedException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    [Id(0)] public Dictionary<string, string[]> Errors { get; private set; }
}

/// <summary>The resource does not exist for this caller (another org's resources look the same).</summary>
[GenerateSerializer, Alias("gs.not-found")]
public sealed class ResourceNotFoundException(string message) : Exception(message);

/// <summary>The request conflicts with the current state (409); <see cref="Details"/> names what it clashes with.</summary>
[GenerateSerializer, Alias("gs.conflict")]
public sealed class ConflictException : Exception
{
    public ConflictException(string message, Dictionary<string, string>? details = null) : base(message)
    {
        Details = details ?? [];
    }

    [Id(0)] public Dictionary<string, string> Details { get; private set; }
}

/// <summary>A feature needs a Greenhouse permission the org's key does not have (or no connection exists).</summary>
[GenerateSerializer, Alias("gs.permission-missing")]
public sealed class GreenhousePermissionMissingException : Exception
{
    public GreenhousePermissionMissingException(string permissionId, string permissionName, string message) : base(message)
    {
        PermissionId = permissionId;
        PermissionName = permissionName;
    }

    [Id(0)] public string PermissionId { get; private set; }
    [Id(1)] public string PermissionName { get; private set; }
}

/// <summary>A change held a value GemScheduling's storage cannot keep; it was dropped and nothing changed (422).</summary>
[GenerateSerializer, Alias("gs.unstorable-value")]
public sealed class UnstorableValueException(string message) : Exception(message);

/// <summary>The client's If-Match names a version that is no longer current (412).</summary>
[GenerateSerializer, Alias("gs.precondition-failed")]
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>GemScheduling's own storage cannot be reached (503); nothing acknowledged was lost, retry shortly.</summary>
[GenerateSerializer, Alias("gs.service-unavailable")]
public sealed class ServiceUnavailableException(string message) : Exception(message);

/// <summary>An availability link that was revoked, used up or has expired (410).</summary>
[GenerateSerializer, Alias("gs.availability-link-gone")]
public sealed class AvailabilityLinkGoneException(Applications.AvailabilityLinkStatus status) : Exception($"This availability link is {status.ToString().ToLowerInvariant()}.")
{
    [Id(0)] public Applications.AvailabilityLinkStatus Status { get; private set; } = status;
}

/// <summary>A stream changed under a command more times than it was willing to retry (409; the caller may try again).</summary>
[GenerateSerializer, Alias("gs.concurrent-change")]
public sealed class ConcurrencyConflictException(string message) : Exception(message);
