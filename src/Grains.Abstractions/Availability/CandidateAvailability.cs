namespace GemScheduling.Availability;

/// <summary>One window the candidate can interview in, as an interval of instants plus the zone it was given in.</summary>
[GenerateSerializer, Immutable, Alias("gs.candidate-window")]
public sealed record CandidateWindow([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset End, [property: Id(2)] string TimeZone);

/// <summary>Something in a submission GemScheduling could not use, shown to the coordinator rather than dropped.</summary>
[GenerateSerializer, Immutable, Alias("gs.availability-problem")]
public sealed record AvailabilityProblem([property: Id(0)] string Source, [property: Id(1)] string Text, [property: Id(2)] string Reason);

/// <summary>The windows from one source: the latest submission of that source replaces the previous one.</summary>
[GenerateSerializer, Immutable, Alias("gs.availability-source")]
public sealed record AvailabilitySource(
    [property: Id(0)] string Source,
    [property: Id(1)] string? TimeZone,
    [property: Id(2)] IReadOnlyList<CandidateWindow> Windows,
    [property: Id(3)] IReadOnlyList<AvailabilityProblem> Problems,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string By);

/// <summary>
/// A candidate's availability: the merged windows the suggestions use, each source it came from (Greenhouse's activity
/// feed, a coordinator, the candidate through a link), and everything that could not be read.
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.candidate-availability")]
public sealed record CandidateAvailability(
    [property: Id(0)] IReadOnlyList<CandidateWindow> Windows,
    [property: Id(1)] string? TimeZone,
    [property: Id(2)] IReadOnlyList<AvailabilitySource> Sources,
    [property: Id(3)] IReadOnlyList<AvailabilityProblem> Problems,
    [property: Id(4)] DateTimeOffset? GreenhouseCheckedAt,
    [property: Id(5)] string? GreenhouseCheckProblem);

public static class AvailabilitySources
{
    public const string Greenhouse = "greenhouse";
    public const string Coordinator = "coordinator";
    public const string Candidate = "candidate";
}
