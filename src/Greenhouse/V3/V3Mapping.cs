using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>Harvest v3 wire shapes to GemScheduling's Greenhouse records (the same records v1/v2 maps to).</summary>
public static class V3Mapping
{
    public static Office ToOffice(this V3Office o) => new(o.Id ?? 0, o.Name ?? "", o.Location, o.ParentId, o.ExternalId);

    public static GreenhouseUser ToUser(this V3User u) => new(
        u.Id ?? 0, u.Name ?? $"{u.FirstName} {u.LastName}".Trim(), u.FirstName, u.LastName, u.PrimaryEmail,
        (u.Emails ?? []).Concat(u.PrimaryEmail is null ? [] : [u.PrimaryEmail]).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        u.EmployeeId, u.Deactivated ?? false, u.SiteAdmin ?? false, u.UpdatedAt);

    /// <summary>
    /// A v3 job names its department and offices by id only, and its hiring team lives in <c>/v3/job_owners</c>: the
    /// names and owners come from those listings (responsible ones first, as v1 orders them).
    /// </summary>
    public static Job ToJob(this V3Job j, IReadOnlyDictionary<long, string?> departments, IReadOnlyDictionary<long, string?> offices,
        IReadOnlyList<V3JobOwner> owners) => new(
        j.Id ?? 0, j.Name ?? "", j.Status ?? "open", j.RequisitionId, j.Confidential ?? false,
        j.DepartmentId is { } department ? [new NamedRef(department, departments.GetValueOrDefault(department))] : [],
        (j.OfficeIds ?? []).Select(id => new NamedRef(id, offices.GetValueOrDefault(id))).ToList(),
        Owners(owners, "coordinator"), Owners(owners, "recruiter"), j.OpenedAt, j.ClosedAt, j.UpdatedAt);

    private static List<long> Owners(IReadOnlyList<V3JobOwner> owners, string type) => owners
        .Where(o => string.Equals(o.Type, type, StringComparison.OrdinalIgnoreCase))
        .OrderByDescending(o => o.Responsible == true).ThenBy(o => o.Id)
        .Select(o => o.UserId!.Value).Distinct().ToList();

    public static JobPost ToJobPost(this V3JobPost p) =>
        new(p.Id ?? 0, p.JobId, p.Title ?? "", p.Internal ?? false, p.Live ?? false, p.Active ?? true, null, p.UpdatedAt);

    public static JobStage ToJobStage(this V3JobInterviewStage s, IReadOnlyList<InterviewStep> steps) =>
        new(s.Id ?? 0, s.JobId ?? 0, s.Name ?? "", s.SortOrder ?? 0, s.Active ?? true, steps, s.UpdatedAt);

    public static InterviewStep ToInterviewStep(this V3JobInterview i, IReadOnlyList<long> defaultInterviewers) =>
        new(i.Id ?? 0, i.Name ?? "", i.SchedulingType == "needs_scheduling", i.Duration, defaultInterviewers);

    public static Candidate ToCandidate(this V3Candidate c) => new(
        c.Id ?? 0, c.FirstName, c.LastName,
        (c.EmailAddresses ?? []).Where(e => !string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Value!).ToList(),
        c.Company, c.Title, c.Private ?? false, c.UpdatedAt, c.LastActivityAt);

    /// <param name="currentStageId">The job interview stage (<c>job_interview_stage_id</c>, or the current stay's): <c>stage_id</c> is a stay.</param>
    public static Application ToApplication(this V3Application a, long? currentStageId) => new(
        a.Id ?? 0, a.CandidateId ?? 0, a.JobId, Status(a.Status), currentStageId, a.StageName, a.Prospect ?? false,
        a.CreatedAt, a.RejectedAt, a.LastActivityAt);

    /// <summary>The v3 trap: applications filtered as <c>active</c> come back <c>in_process</c>.</summary>
    public static string Status(string? v3Status) => v3Status switch
    {
        null or "in_process" or "active" => Application.Active,
        _ => v3Status,
    };
}
