using GemScheduling.Greenhouse;

namespace GemScheduling.Schedules;

/// <summary>The synced Greenhouse data a schedule is validated and rendered against.</summary>
public sealed record ScheduleContext(
    Application Application,
    Candidate? Candidate,
    Job? Job,
    IReadOnlyList<JobStage> Stages)
{
    public InterviewStep? Step(long stepId) =>
        Stages.Where(s => s.Active).SelectMany(s => s.InterviewSteps).FirstOrDefault(i => i.Id == stepId);
}
