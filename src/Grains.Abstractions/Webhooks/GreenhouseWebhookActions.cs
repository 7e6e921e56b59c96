namespace GemScheduling.Webhooks;

/// <summary>The Greenhouse webhook events GemScheduling acts on (docs/WEBHOOKS-CONTRACT.md §2): what to tick in Dev Center.</summary>
public static class GreenhouseWebhookActions
{
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 256;
    public const int MaxEventIdLength = 200;

    /// <summary>Events that carry a full application (its candidate is read again with all their applications).</summary>
    public static readonly IReadOnlyList<string> ApplicationChanges =
    [
        "new_candidate_application", "application_updated", "new_prospect_application", "candidate_stage_change", "reject_candidate",
        "unreject_candidate", "hire_candidate", "unhire_candidate",
    ];

    public static readonly IReadOnlyList<string> CandidateChanges = ["update_candidate", "delete_application", "delete_candidate", "merge_candidate", "candidate_anonymized"];

    /// <summary>Events whose payload is a job (the others in <see cref="JobChanges"/> name their job elsewhere).</summary>
    public static readonly IReadOnlyList<string> JobRecordChanges = ["job_created", "job_updated", "job_deleted", "job_approved"];

    public static readonly IReadOnlyList<string> JobChanges = [.. JobRecordChanges, "job_post_created", "job_post_updated", "job_post_deleted", "job_interview_stage_deleted"];

    public static readonly IReadOnlyList<string> InterviewChanges = ["interview_deleted"];

    public static readonly IReadOnlyList<string> Handled = [.. ApplicationChanges, .. CandidateChanges, .. JobChanges, .. InterviewChanges];
}
