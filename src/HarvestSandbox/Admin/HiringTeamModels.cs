using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox;

/// <summary>A job owner's role (v3 <c>/v3/job_owners</c> <c>type</c>); hiring managers are their own resource.</summary>
public enum JobOwnerType
{
    [JsonStringEnumMemberName("recruiter")] Recruiter,
    [JsonStringEnumMemberName("coordinator")] Coordinator,
    [JsonStringEnumMemberName("sourcer")] Sourcer,
}

/// <summary>One role one user holds on a job (<see cref="Id"/> is the v3 row id).</summary>
public sealed record SandboxJobOwner(long Id, long UserId, JobOwnerType Type, bool Responsible);

/// <summary>A hiring manager of a job (<see cref="Id"/> is the v3 <c>/v3/job_hiring_managers</c> row id).</summary>
public sealed record SandboxHiringManager(long Id, long UserId);

/// <summary>
/// A job's hiring team. <see cref="UserIds"/> are the users who may see the job through v3 when it is confidential
/// (<see cref="HarvestV3Options.HideConfidentialJobs"/>).
/// </summary>
public sealed record SandboxHiringTeam(
    long JobId, string JobName, bool Confidential, IReadOnlyList<SandboxHiringManager> HiringManagers, IReadOnlyList<SandboxJobOwner> Owners)
{
    public IReadOnlyList<long> UserIds => HiringManagers.Select(m => m.UserId).Concat(Owners.Select(o => o.UserId)).Distinct().ToArray();
}
