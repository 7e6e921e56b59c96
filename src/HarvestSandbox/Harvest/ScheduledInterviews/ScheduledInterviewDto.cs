using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>The scheduled interview object: list, single GET, POST and PATCH responses (docs/HARVEST-CONTRACT.md §7.6).</summary>
public sealed record ScheduledInterviewDto(
    long Id,
    long ApplicationId,
    string? ExternalEventId,
    InterviewTime Start,
    InterviewTime End,
    string? Location,
    string? VideoConferencingUrl,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    InterviewRefDto Interview,
    UserRefDto? Organizer,
    IReadOnlyList<InterviewerDto> Interviewers);

public sealed record InterviewRefDto(long Id, string Name);

public sealed record InterviewerDto(long? Id, string? EmployeeId, string? Name, string? Email, string ResponseStatus, long? ScorecardId);

internal static class ScheduledInterviewProjection
{
    public static ScheduledInterviewDto ToDto(OrgData data, ScheduledInterview s)
    {
        var step = data.InterviewSteps.Find(s.InterviewStepId);
        return new ScheduledInterviewDto(
            s.Id, s.ApplicationId, s.ExternalEventId, s.Start, s.End, s.Location, s.VideoConferencingUrl, s.Status.Wire(),
            s.CreatedAt, s.UpdatedAt,
            new InterviewRefDto(s.InterviewStepId, step?.Name ?? "Interview"),
            Refs.User(data, s.OrganizerId),
            s.Interviewers.Select(i => Interviewer(data, i)).ToArray());
    }

    private static InterviewerDto Interviewer(OrgData data, Interviewer i)
    {
        var user = i.UserId is { } id ? data.Users.Find(id) : null;
        return user is null
            ? new InterviewerDto(null, null, null, i.Email, i.ResponseStatus.Wire(), i.ScorecardId)
            : new InterviewerDto(user.Id, user.EmployeeId, user.Name, i.Email ?? user.PrimaryEmail, i.ResponseStatus.Wire(), i.ScorecardId);
    }
}
