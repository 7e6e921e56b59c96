using System.Net.Mail;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Sync;

namespace GemScheduling.Schedules;

/// <summary>
/// Checks requested interviews against the synced Greenhouse data and turns them into planned interviews. Every
/// problem is collected, so one 422 lists them all.
/// </summary>
public sealed class SchedulePlanner(IGreenhouseReadModel readModel, IGrainFactory grains, TimeProvider time)
{
    public const int MaxInterviews = 20;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);
    private static readonly TimeSpan PastGrace = TimeSpan.FromMinutes(1);

    /// <summary>The application's context, with the users <paramref name="interviewers"/> names read in the same round trip.</summary>
    public async Task<ScheduleContext> LoadAsync(string orgId, long applicationId, IEnumerable<InterviewRequest>? interviewers = null, string applicationField = "applicationId")
    {
        var asked = UserIds(interviewers ?? []);
        var records = await readModel.GetApplicationRecordsAsync(orgId, applicationId, asked)
            ?? throw new ValidationFailedException(applicationField, $"Application {applicationId} is not in GemScheduling's copy of Greenhouse; check the id or run a sync.");
        if (records.Job is null && records.Application.JobId is { } unknownJob)
        {
            // A job we have not seen yet (a new job between syncs): fetch it now rather than refuse.
            await grains.Grain<ISyncGrain>(orgId).SyncJob(unknownJob, "schedule");
            records = await readModel.GetApplicationRecordsAsync(orgId, applicationId, asked) ?? records;
        }

        return new ScheduleContext(records.Application, records.Candidate, records.Job, records.Stages, records.Posts) { Users = records.Users, UsersAsked = asked };
    }

    private static List<long> UserIds(IEnumerable<InterviewRequest> requests) =>
        requests.SelectMany(r => r.Interviewers).Where(i => i.UserId is not null).Select(i => i.UserId!.Value).Distinct().ToList();

    /// <summary>Validates new or changed interviews; <paramref name="errors"/> collects problems under field paths.</summary>
    public async Task<IReadOnlyList<PlannedInterview>> PlanAsync(
        string orgId, ScheduleContext context, IReadOnlyList<(string Id, string Field, InterviewRequest Request)> requests, Dictionary<string, List<string>> errors)
    {
        if (!context.Application.IsActive)
            Add(errors, "applicationId", $"Application {context.Application.Id} is {context.Application.Status}, not active: it cannot be scheduled.");
        if (context.Application.JobId is null || context.Job is null)
            Add(errors, "applicationId", "The application has no job GemScheduling knows, so its interview steps cannot be checked.");

        var unread = UserIds(requests.Select(r => r.Request)).Except(context.UsersAsked).ToList();
        var users = context.Users.Concat(unread.Count == 0 ? [] : await readModel.GetManyAsync<GreenhouseUser>(orgId, unread)).ToDictionary(u => u.Id);
        var now = time.GetUtcNow();
        var planned = new List<PlannedInterview>();

        foreach (var (id, field, request) in requests)
        {
            var step = context.Step(request.InterviewStepId);
            if (step is null)
                Add(errors, $"{field}.interviewStepId", $"Interview step {request.InterviewStepId} is not in an active stage of job {context.Job?.Id} ({context.Job?.Name}).");
            else if (!step.Schedulable)
                Add(errors, $"{field}.interviewStepId", $"Interview step {step.Id} ({step.Name}) is not schedulable in Greenhouse.");

            if (request.End <= request.Start)
                Add(errors, $"{field}.end", "The interview must end after it starts.");
            else if (request.End - request.Start > MaxDuration)
                Add(errors, $"{field}.end", "An interview cannot last more than 12 hours.");
            if (request.Start < now - PastGrace)
                Add(errors, $"{field}.start", $"{request.Start:u} is in the past.");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone ?? "", out _))
                Add(errors, $"{field}.timeZone", $"'{request.TimeZone}' is not an IANA time zone (e.g. America/New_York).");
            if (request.Location is { Length: > 500 })
                Add(errors, $"{field}.location", "At most 500 characters.");
            if (request.VideoConferencingUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var video) || video.Scheme is not ("https" or "http")))
                Add(errors, $"{field}.videoConferencingUrl", "Must be an absolute http(s) URL.");

            var interviewers = new List<PlannedInterviewer>();
            if (request.Interviewers.Count == 0)
                Add(errors, $"{field}.interviewers", "At least one interviewer is needed.");
            for (var i = 0; i < request.Interviewers.Count; i++)
            {
                var who = request.Interviewers[i];
                var path = $"{field}.interviewers[{i}]";
                if (who.UserId is { } userId && who.Email is null)
                {
                    if (!users.TryGetValue(userId, out var user))
                        Add(errors, $"{path}.userId", $"No Greenhouse user {userId} is known; use an email for someone outside Greenhouse.");
                    else if (user.Disabled)
                        Add(errors, $"{path}.userId", $"{user.Name} (user {userId}) is disabled in Greenhouse.");
                    else
                        interviewers.Add(new PlannedInterviewer(userId, user.PrimaryEmail, user.Name));
                }
                else if (who.Email is { } email && who.UserId is null)
                {
                    if (!MailAddress.TryCreate(email, out var address) || address.Address != email.Trim())
                        Add(errors, $"{path}.email", $"'{email}' is not an email address.");
                    else
                        interviewers.Add(new PlannedInterviewer(null, email.Trim(), null));
                }
                else
                {
                    Add(errors, path, "Give exactly one of userId (a Greenhouse user) or email (someone outside Greenhouse).");
                }
            }

            if (interviewers.Select(i => i.CalendarKey).Distinct().Count() != interviewers.Count)
                Add(errors, $"{field}.interviewers", "The same interviewer is listed twice.");

            planned.Add(new PlannedInterview(id, request.InterviewStepId, step?.Name ?? "", interviewers, request.Start, request.End,
                request.TimeZone ?? "UTC", request.Location?.Trim(), request.VideoConferencingUrl?.Trim()));
        }

        return planned;
    }

    /// <summary>No two interviews of one schedule may overlap (a candidate is in one room at a time).</summary>
    public static void CheckNoOverlap(IReadOnlyList<(string Field, PlannedInterview Plan)> interviews, Dictionary<string, List<string>> errors)
    {
        if (interviews.Count > MaxInterviews)
            Add(errors, "interviews", $"A schedule holds at most {MaxInterviews} interviews.");
        for (var i = 0; i < interviews.Count; i++)
            for (var j = i + 1; j < interviews.Count; j++)
                if (interviews[i].Plan.Overlaps(interviews[j].Plan))
                    Add(errors, $"{interviews[j].Field}.start", $"Overlaps {interviews[i].Field} ({interviews[i].Plan.Start:u}–{interviews[i].Plan.End:u}) in the same schedule.");
    }

    public static void ThrowIfAny(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), "The schedule is not valid.");
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }
}
