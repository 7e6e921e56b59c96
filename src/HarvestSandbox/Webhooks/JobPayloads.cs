using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Store;
using static GemScheduling.HarvestSandbox.Webhooks.WebhookEnvelope;

namespace GemScheduling.HarvestSandbox.Webhooks;

// Job-side webhook payloads (docs/WEBHOOKS-CONTRACT.md §3h, §3i), built under the org's data lock.
internal static class JobPayloads
{
    /// <summary><c>job_updated</c>: <c>{"job":{…, "hiring_team", "openings"}}</c>.</summary>
    public static JsonObject JobUpdated(OrgData data, Job job)
    {
        var body = Job(data, job);
        body.Remove("custom_fields");
        body["hiring_team"] = new JsonObject
        {
            ["hiring_managers"] = Team(data, job.HiringManagers),
            ["sourcers"] = Team(data, job.Sourcers),
            ["recruiters"] = Team(data, job.Recruiters),
            ["coordinators"] = Team(data, job.Coordinators),
        };
        body["openings"] = new JsonArray([.. job.Openings.Select(o => (JsonNode)new JsonObject
        {
            ["id"] = o.Id,
            ["opening_id"] = o.OpeningId,
            ["custom_fields"] = new JsonArray(),
        })]);
        body["custom_fields"] = new JsonObject();
        return new JsonObject { ["job"] = body };
    }

    /// <summary>
    /// <c>job_interview_stage_deleted</c>. <c>active</c> is the stage's value before the deletion: the docs' example of a
    /// deleted stage says <c>true</c>.
    /// </summary>
    public static JsonObject StageDeleted(JobStage stage, bool activeBefore) => new()
    {
        ["job_interview_stage"] = new JsonObject
        {
            ["id"] = stage.Id,
            ["job_id"] = stage.JobId,
            ["created_at"] = Milliseconds(stage.CreatedAt),
            ["updated_at"] = Milliseconds(stage.UpdatedAt),
            ["name"] = stage.Name,
            ["active"] = activeBefore,
        },
    };

    /// <summary><c>interview_deleted</c> carries the scheduled interview's id and nothing else.</summary>
    public static JsonObject InterviewDeleted(long interviewId) => new() { ["interview"] = new JsonObject { ["id"] = interviewId } };

    /// <summary>A job as the webhooks show it (the entries of <c>application.jobs[]</c>, and <c>job_updated</c>'s core).</summary>
    public static JsonObject Job(OrgData data, Job job) => new()
    {
        ["id"] = job.Id,
        ["name"] = job.Name,
        ["requisition_id"] = job.RequisitionId,
        ["notes"] = job.Notes,
        ["confidential"] = job.Confidential,
        ["job_post_id"] = JobPostId(job),
        ["status"] = job.Status.Wire(),
        ["created_at"] = Seconds(job.CreatedAt),
        ["opened_at"] = Seconds(job.OpenedAt),
        ["closed_at"] = Seconds(job.ClosedAt),
        ["departments"] = Departments(data, job),
        ["offices"] = Offices(data, job),
        ["custom_fields"] = new JsonObject(),
    };

    public static long? JobPostId(Job job) => job.Posts.Find(p => p.External && p.Active)?.Id;

    public static JsonArray Departments(OrgData data, Job job) =>
        new([.. job.DepartmentIds.Select(id => data.Departments.Find(id)).OfType<Department>().Select(d => (JsonNode)new JsonObject
        {
            ["id"] = d.Id,
            ["name"] = d.Name,
            ["external_id"] = d.ExternalId,
        })]);

    public static JsonArray Offices(OrgData data, Job job) =>
        new([.. job.OfficeIds.Select(id => data.Offices.Find(id)).OfType<Office>().Select(o => (JsonNode)new JsonObject
        {
            ["id"] = o.Id,
            ["name"] = o.Name,
            ["location"] = o.LocationName,
            ["external_id"] = o.ExternalId,
        })]);

    private static JsonArray Team(OrgData data, List<TeamMember> members) =>
        new([.. members.Select(m => (JsonNode)new JsonObject
        {
            ["user_id"] = m.UserId,
            ["employee_id"] = data.Users.Find(m.UserId)?.EmployeeId,
        })]);
}
