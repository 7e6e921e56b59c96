using GemScheduling.Greenhouse;

namespace GemScheduling.Schedules;

/// <summary>The synced Greenhouse data a schedule is validated and rendered against.</summary>
public sealed record ScheduleContext(
    Application Application,
    Candidate? Candidate,
    Job? Job,
    IReadOnlyList<JobStage> Stages,
    IReadOnlyList<JobPost> Posts)
{
    /// <summary>The users read with the application (those of <see cref="UsersAsked"/> that are in the copy).</summary>
    public IReadOnlyList<GreenhouseUser> Users { get; init; } = [];

    /// <summary>The user ids the context was loaded for; the planner reads any others itself.</summary>
    public IReadOnlyCollection<long> UsersAsked { get; init; } = [];

    /// <summary>Candidates know the job by its live external post's title when there is one.</summary>
    public string ExternalJobName => Job is null ? ""
        : Posts.Where(p => !p.Internal && p.Live).Select(p => p.Title).FirstOrDefault(t => t.Length > 0) ?? Job.Name;

    public InterviewStep? Step(long stepId) =>
        Stages.Where(s => s.Active).SelectMany(s => s.InterviewSteps).FirstOrDefault(i => i.Id == stepId);
}
