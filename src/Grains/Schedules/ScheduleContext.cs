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
    /// <summary>Candidates know the job by its live external post's title when there is one.</summary>
    public string ExternalJobName => Job is null ? ""
        : Posts.Where(p => !p.Internal && p.Live).Select(p => p.Title).FirstOrDefault(t => t.Length > 0) ?? Job.Name;

    public InterviewStep? Step(long stepId) =>
        Stages.Where(s => s.Active).SelectMany(s => s.InterviewSteps).FirstOrDefault(i => i.Id == stepId);
}
