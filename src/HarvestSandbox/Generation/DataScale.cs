namespace GemScheduling.HarvestSandbox;

/// <summary>
/// How much data the deterministic generator makes for an organization. Use a preset or derive one with
/// <c>with { Candidates = 5_000 }</c>.
/// </summary>
public sealed record DataScale
{
    public string Name { get; init; } = "custom";
    public int Offices { get; init; }
    public int Departments { get; init; }
    public int Users { get; init; }
    public int Jobs { get; init; }
    public int Candidates { get; init; }

    /// <summary>At least one per candidate when there are candidates and jobs; extra ones go to repeat applicants.</summary>
    public int Applications { get; init; }

    public int MinStagesPerJob { get; init; } = 3;
    public int MaxStagesPerJob { get; init; } = 6;
    public int MinInterviewsPerStage { get; init; } = 1;
    public int MaxInterviewsPerStage { get; init; } = 3;

    /// <summary>Share of candidates with an active application who get a "Candidate Availability Submitted" activity.</summary>
    public double AvailabilityShare { get; init; } = 0.3;

    /// <summary>No data at all: an org to fill through the admin API.</summary>
    public static readonly DataScale Empty = new() { Name = "empty" };

    /// <summary>A small, varied org: a few offices and departments, ~25 users, ~12 jobs, ~200 candidates, ~300 applications.</summary>
    public static readonly DataScale Demo = new()
    {
        Name = "demo", Offices = 7, Departments = 6, Users = 25, Jobs = 12, Candidates = 200, Applications = 300,
    };

    /// <summary>A big org: 100k candidates, 150k applications, 2k jobs, 5k users.</summary>
    public static readonly DataScale Large = new()
    {
        Name = "large", Offices = 60, Departments = 40, Users = 5_000, Jobs = 2_000, Candidates = 100_000, Applications = 150_000,
    };

    public static DataScale Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "empty" or "none" => Empty,
        "demo" => Demo,
        "large" => Large,
        _ => throw new ArgumentException($"Unknown scale '{name}'. Use empty, demo or large."),
    };
}
