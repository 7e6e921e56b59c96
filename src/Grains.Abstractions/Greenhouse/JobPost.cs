namespace GemScheduling.Greenhouse;

/// <summary>A job post; its title is the job's external name, what candidates see.</summary>
[GenerateSerializer, Immutable, Alias("gs.job-post")]
public sealed record JobPost(
    [property: Id(0)] long Id,
    [property: Id(1)] long? JobId,
    [property: Id(2)] string Title,
    [property: Id(3)] bool Internal,
    [property: Id(4)] bool Live,
    [property: Id(5)] bool Active,
    [property: Id(6)] string? Location,
    [property: Id(7)] DateTimeOffset? UpdatedAt);
