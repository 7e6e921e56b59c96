using System.Globalization;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Store;
using static GemScheduling.HarvestSandbox.Webhooks.WebhookEnvelope;

namespace GemScheduling.HarvestSandbox.Webhooks;

// Application and candidate webhook payloads (docs/WEBHOOKS-CONTRACT.md §3a–3c), built under the org's data lock.
// Field names and order follow the docs' examples; what the store does not hold (custom fields, attachments,
// educations, ...) is empty, as Greenhouse sends it for a candidate without them.
internal static class ApplicationPayloads
{
    private const string AppBase = "https://app.greenhouse.io";

    /// <summary>
    /// The "full application" shape of <c>new_candidate_application</c>, <c>new_prospect_application</c>,
    /// <c>candidate_stage_change</c>, <c>reject_candidate</c> and <c>unreject_candidate</c>. <c>current_stage.id</c> is the
    /// job stage id (as Harvest v1's), and a rejected application keeps the stage it was rejected in.
    /// </summary>
    public static JsonObject FullApplication(OrgData data, Application a)
    {
        var job = a.JobId is { } jobId ? data.Jobs.Find(jobId) : null;
        var stage = a.CurrentStageId is { } stageId && !a.Prospect ? data.JobStages.Find(stageId) : null;
        var reason = a.Status == ApplicationStatus.Rejected && a.RejectionReasonId is { } reasonId ? data.RejectionReasons.Find(reasonId) : null;
        var application = new JsonObject
        {
            ["id"] = a.Id,
            ["rejected_at"] = Seconds(a.RejectedAt),
            ["prospect"] = a.Prospect,
            ["status"] = a.Status.Wire(),
            ["applied_at"] = Seconds(a.AppliedAt),
            ["last_activity_at"] = Seconds(a.LastActivityAt),
            ["url"] = ApplicationUrl(a),
            ["source"] = Source(data, a),
            ["credited_to"] = User(data, a.CreditedToUserId),
            ["rejection_reason"] = reason is null ? null : new JsonObject
            {
                ["id"] = reason.Id,
                ["name"] = reason.Name,
                ["type"] = new JsonObject { ["id"] = reason.TypeId, ["name"] = reason.TypeName },
            },
            ["rejection_details"] = a.Status == ApplicationStatus.Rejected ? new JsonObject { ["custom_fields"] = new JsonObject() } : null,
            ["current_stage"] = stage is null ? null : new JsonObject
            {
                ["id"] = stage.Id,
                ["name"] = stage.Name,
                ["interviews"] = new JsonArray([.. stage.Interviews.Select(step => (JsonNode)StageInterview(data, a, step))]),
            },
            ["prospect_detail"] = new JsonObject
            {
                ["prospect_pool"] = null,
                ["prospect_stage"] = null,
                ["prospect_owner"] = a.Prospect ? User(data, a.RecruiterId) : null,
            },
            ["custom_fields"] = new JsonObject(),
            ["candidate"] = Candidate(data, data.Candidates.Find(a.CandidateId)!, inApplication: true),
            ["jobs"] = new JsonArray([.. JobsOf(data, job)]),
        };
        return new JsonObject { ["application"] = application };
    }

    /// <summary>
    /// <c>hire_candidate</c>: the trimmed shape of §3b. The store models neither offers nor filled openings, so
    /// <c>offer</c> and <c>opening</c> are null.
    /// </summary>
    public static JsonObject Hire(OrgData data, Application a)
    {
        var job = a.JobId is { } jobId ? data.Jobs.Find(jobId) : null;
        var application = new JsonObject
        {
            ["id"] = a.Id,
            ["opening"] = null,
            ["credited_to"] = User(data, a.CreditedToUserId),
            ["source"] = Source(data, a),
            ["url"] = ApplicationUrl(a),
            ["candidate"] = Candidate(data, data.Candidates.Find(a.CandidateId)!, inApplication: true),
            ["job"] = job is null ? null : new JsonObject
            {
                ["id"] = job.Id,
                ["name"] = job.Name,
                ["open_date"] = Seconds(job.OpenedAt),
                ["close_date"] = Seconds(job.ClosedAt),
                ["requisition_id"] = job.RequisitionId,
                ["departments"] = JobPayloads.Departments(data, job),
                ["offices"] = JobPayloads.Offices(data, job),
                ["custom_fields"] = new JsonObject(),
            },
            ["jobs"] = new JsonArray([.. JobsOf(data, job)]),
            ["custom_fields"] = new JsonObject(),
            ["offer"] = null,
        };
        return new JsonObject { ["application"] = application };
    }

    /// <summary><c>update_candidate</c>: <c>{"candidate":{…}}</c>, with no application or job ids.</summary>
    public static JsonObject CandidateUpdated(OrgData data, Candidate c) => new() { ["candidate"] = Candidate(data, c, inApplication: false) };

    // The docs' update_candidate example has no is_private/can_email; the ones nested in applications do.
    private static JsonObject Candidate(OrgData data, Candidate c, bool inApplication)
    {
        var candidate = new JsonObject
        {
            ["id"] = c.Id,
            ["first_name"] = c.FirstName,
            ["last_name"] = c.LastName,
            ["title"] = c.Title,
            ["company"] = c.Company,
            ["created_at"] = Seconds(c.CreatedAt),
            ["external_id"] = null,
            ["photo_url"] = null,
            ["url"] = $"{AppBase}/people/{Id(c.Id)}",
        };
        if (inApplication)
        {
            candidate["is_private"] = c.IsPrivate;
            candidate["can_email"] = c.EmailAddresses.Count > 0;
        }

        candidate["phone_numbers"] = Contacts(c.PhoneNumbers);
        candidate["email_addresses"] = Contacts(c.EmailAddresses);
        candidate["addresses"] = new JsonArray();
        candidate["website_addresses"] = new JsonArray();
        candidate["social_media_addresses"] = new JsonArray();
        candidate["educations"] = new JsonArray();
        candidate["employments"] = new JsonArray();
        candidate["recruiter"] = User(data, c.RecruiterId);
        candidate["coordinator"] = User(data, c.CoordinatorId);
        candidate["attachments"] = new JsonArray();
        candidate["tags"] = new JsonArray([.. c.Tags.Select(t => (JsonNode)t)]);
        candidate["custom_fields"] = new JsonObject();
        return candidate;
    }

    // A stage's interview definition with this application's progress on it (§3a: not scheduled-interview records).
    private static JsonObject StageInterview(OrgData data, Application a, InterviewStep step)
    {
        var latest = a.Interviews.LastOrDefault(i => i.InterviewStepId == step.Id);
        return new JsonObject
        {
            ["id"] = step.Id,
            ["name"] = step.Name,
            ["status"] = latest?.Status.Wire() ?? (step.Schedulable ? "to_be_scheduled" : "collect_feedback"),
            ["interview_kit"] = new JsonObject
            {
                ["url"] = $"{AppBase}/guides/{Id(step.Kit.Id)}/people/{Id(a.CandidateId)}?application_id={Id(a.Id)}",
                ["content"] = step.Kit.Content,
                ["questions"] = new JsonArray([.. step.Kit.Questions.Select(q => (JsonNode)new JsonObject { ["id"] = q.Id, ["question"] = q.Question })]),
            },
            ["interviewers"] = new JsonArray([.. (latest?.Interviewers ?? []).Where(i => i.UserId is not null).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.UserId,
                ["display_name"] = data.Users.Find(i.UserId!.Value)?.Name,
                ["status"] = i.ResponseStatus.Wire(),
            })]),
        };
    }

    private static IEnumerable<JsonNode> JobsOf(OrgData data, Job? job) => job is null ? [] : [JobPayloads.Job(data, job)];

    private static JsonNode? Source(OrgData data, Application a) =>
        a.SourceId is { } id && data.Sources.Find(id) is { } s ? new JsonObject { ["id"] = s.Id, ["public_name"] = s.PublicName } : null;

    private static JsonNode? User(OrgData data, long? userId) =>
        userId is { } id && data.Users.Find(id) is { } u
            ? new JsonObject { ["id"] = u.Id, ["email"] = u.PrimaryEmail, ["name"] = u.Name, ["employee_id"] = u.EmployeeId }
            : null;

    private static JsonArray Contacts(List<ContactValue> values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["type"] = v.Type })]);

    private static string ApplicationUrl(Application a) => $"{AppBase}/people/{Id(a.CandidateId)}?application_id={Id(a.Id)}";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
