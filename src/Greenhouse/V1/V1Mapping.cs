using GemScheduling.Harvest.V1.Models;

namespace GemScheduling.Greenhouse;

/// <summary>Harvest v1/v2 wire shapes to GemScheduling's Greenhouse records; tolerant of every null Greenhouse may send.</summary>
public static class V1Mapping
{
    public static Office ToOffice(this HarvestOffice o) =>
        new(o.Id ?? 0, o.Name ?? "", o.Location?.Name ?? o.Location?.Address, o.ParentId, o.ExternalId);

    public static GreenhouseUser ToUser(this HarvestUser u) => new(
        u.Id ?? 0, u.Name ?? $"{u.FirstName} {u.LastName}".Trim(), u.FirstName, u.LastName, u.PrimaryEmailAddress,
        (u.Emails ?? []).Concat(u.PrimaryEmailAddress is null ? [] : [u.PrimaryEmailAddress]).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        u.EmployeeId, u.Disabled ?? false, u.SiteAdmin ?? false, u.UpdatedAt);

    public static Job ToJob(this HarvestJob j) => new(
        j.Id ?? 0, j.Name ?? "", j.Status ?? "open", j.RequisitionId, j.Confidential ?? false,
        Refs(j.Departments), Refs(j.Offices),
        (j.HiringTeam?.Coordinators ?? []).Where(c => c.Id is not null).OrderByDescending(c => c.Responsible == true).Select(c => c.Id!.Value).ToList(),
        (j.HiringTeam?.Recruiters ?? []).Where(c => c.Id is not null).OrderByDescending(c => c.Responsible == true).Select(c => c.Id!.Value).ToList(),
        j.OpenedAt, j.ClosedAt, j.UpdatedAt);

    public static JobPost ToJobPost(this HarvestJobPost p) => new(
        p.Id ?? 0, p.JobId, p.Title ?? "", p.Internal ?? false, p.Live ?? false, p.Active ?? true, p.Location?.Name, p.UpdatedAt);

    public static JobStage ToJobStage(this HarvestJobStage s) => new(
        s.Id ?? 0, s.JobId ?? 0, s.Name ?? "", s.Priority ?? 0, s.Active ?? true,
        (s.Interviews ?? []).Where(i => i.Id is not null).Select(i => new InterviewStep(
            i.Id!.Value, i.Name ?? "", i.Schedulable ?? false, i.EstimatedMinutes,
            (i.DefaultInterviewerUsers ?? []).Where(u => u.Id is not null).Select(u => u.Id!.Value).ToList())).ToList(),
        s.UpdatedAt);

    public static Candidate ToCandidate(this HarvestCandidate c) => new(
        c.Id ?? 0, c.FirstName, c.LastName,
        (c.EmailAddresses ?? []).Where(e => !string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Value!).ToList(),
        c.Company, c.Title, c.IsPrivate ?? false, c.UpdatedAt, c.LastActivity);

    public static Application ToApplication(this HarvestApplication a) => new(
        a.Id ?? 0, a.CandidateId ?? 0, a.Jobs?.FirstOrDefault()?.Id, a.Status ?? "active",
        a.CurrentStage?.Id, a.CurrentStage?.Name, a.Prospect ?? false, a.AppliedAt, a.RejectedAt, a.LastActivityAt);

    private static IReadOnlyList<NamedRef> Refs(IReadOnlyList<HarvestNamedRef>? refs) =>
        (refs ?? []).Where(r => r.Id is not null).Select(r => new NamedRef(r.Id!.Value, r.Name)).ToList();
}
