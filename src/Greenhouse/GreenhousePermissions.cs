using GemScheduling.Harvest;
using GemScheduling.Orgs;

namespace GemScheduling.Greenhouse;

/// <summary>What GemScheduling needs Greenhouse to let it do, in one vocabulary whatever the Harvest version.</summary>
public enum GreenhousePermission
{
    ApplicationsList,
    CandidatesList,
    CandidatesAddNote,
    CandidatesAddEmail,
    UsersList,
    InterviewsListForApplication,
    InterviewsDelete,
    InterviewsCreate,
    InterviewsUpdate,
    ActivityFeedRetrieve,
    JobsList,
    JobsRetrieve,
    JobPostsList,
    JobPostsRetrieveForJob,
    JobStagesList,
    JobStagesListForJob,
    OfficesList,
    InterviewsList,
    InterviewsRetrieve,
}

/// <summary>A permission (v1/v2) or scope (v3) the connection lacks, and what to tell the person who can grant it.</summary>
public sealed record MissingPermission(string Id, string DisplayName, string UsedFor, string Explanation);

/// <summary>
/// Permission checks for both Harvest versions: a v1 connection answers with the v1 permission, a v3 connection with
/// the v3 scope that replaces it (docs/HARVEST-CONTRACT.md §11 mapping).
/// </summary>
public static class GreenhousePermissions
{
    private static readonly IReadOnlyDictionary<GreenhousePermission, string> V1Ids = new Dictionary<GreenhousePermission, string>
    {
        [GreenhousePermission.ApplicationsList] = HarvestPermissions.ApplicationsList,
        [GreenhousePermission.CandidatesList] = HarvestPermissions.CandidatesList,
        [GreenhousePermission.CandidatesAddNote] = HarvestPermissions.CandidatesAddNote,
        [GreenhousePermission.CandidatesAddEmail] = HarvestPermissions.CandidatesAddEmail,
        [GreenhousePermission.UsersList] = HarvestPermissions.UsersList,
        [GreenhousePermission.InterviewsListForApplication] = HarvestPermissions.InterviewsListForApplication,
        [GreenhousePermission.InterviewsDelete] = HarvestPermissions.InterviewsDelete,
        [GreenhousePermission.InterviewsCreate] = HarvestPermissions.InterviewsCreate,
        [GreenhousePermission.InterviewsUpdate] = HarvestPermissions.InterviewsUpdate,
        [GreenhousePermission.ActivityFeedRetrieve] = HarvestPermissions.ActivityFeedRetrieve,
        [GreenhousePermission.JobsList] = HarvestPermissions.JobsList,
        [GreenhousePermission.JobsRetrieve] = HarvestPermissions.JobsRetrieve,
        [GreenhousePermission.JobPostsList] = HarvestPermissions.JobPostsList,
        [GreenhousePermission.JobPostsRetrieveForJob] = HarvestPermissions.JobPostsRetrieveForJob,
        [GreenhousePermission.JobStagesList] = HarvestPermissions.JobStagesList,
        [GreenhousePermission.JobStagesListForJob] = HarvestPermissions.JobStagesListForJob,
        [GreenhousePermission.OfficesList] = HarvestPermissions.OfficesList,
        [GreenhousePermission.InterviewsList] = HarvestPermissions.InterviewsList,
        [GreenhousePermission.InterviewsRetrieve] = HarvestPermissions.InterviewsRetrieve,
    };

    private static readonly IReadOnlyDictionary<GreenhousePermission, string[]> V3Scopes = new Dictionary<GreenhousePermission, string[]>
    {
        [GreenhousePermission.ApplicationsList] = [HarvestV3Scopes.ApplicationsList, HarvestV3Scopes.ApplicationStagesList],
        [GreenhousePermission.CandidatesList] = [HarvestV3Scopes.CandidatesList],
        [GreenhousePermission.CandidatesAddNote] = [HarvestV3Scopes.NotesCreate],
        [GreenhousePermission.CandidatesAddEmail] = [HarvestV3Scopes.NotesCreate],
        [GreenhousePermission.UsersList] = [HarvestV3Scopes.UsersList],
        [GreenhousePermission.InterviewsListForApplication] = [HarvestV3Scopes.InterviewsList, HarvestV3Scopes.InterviewersList],
        [GreenhousePermission.InterviewsDelete] = [HarvestV3Scopes.InterviewsDestroy],
        [GreenhousePermission.InterviewsCreate] = [HarvestV3Scopes.InterviewsCreate],
        [GreenhousePermission.InterviewsUpdate] = [HarvestV3Scopes.InterviewsUpdate],
        [GreenhousePermission.ActivityFeedRetrieve] = [HarvestV3Scopes.NotesList, HarvestV3Scopes.SiteAdminReads],
        [GreenhousePermission.JobsList] = [HarvestV3Scopes.JobsList],
        [GreenhousePermission.JobsRetrieve] = [HarvestV3Scopes.JobsList],
        [GreenhousePermission.JobPostsList] = [HarvestV3Scopes.JobPostsList],
        [GreenhousePermission.JobPostsRetrieveForJob] = [HarvestV3Scopes.JobPostsList],
        [GreenhousePermission.JobStagesList] = [HarvestV3Scopes.JobInterviewStagesList, HarvestV3Scopes.JobInterviewsList, HarvestV3Scopes.DefaultInterviewersList],
        [GreenhousePermission.JobStagesListForJob] = [HarvestV3Scopes.JobInterviewStagesList, HarvestV3Scopes.JobInterviewsList, HarvestV3Scopes.DefaultInterviewersList],
        [GreenhousePermission.OfficesList] = [HarvestV3Scopes.OfficesList],
        [GreenhousePermission.InterviewsList] = [HarvestV3Scopes.InterviewsList],
        [GreenhousePermission.InterviewsRetrieve] = [HarvestV3Scopes.InterviewsList],
    };

    /// <summary>The permission, or the first of its v3 replacements, the connection lacks; null when it has them all.</summary>
    public static MissingPermission? Lacks(this GreenhouseAccess access, GreenhousePermission permission)
    {
        if (access.ApiVersion != HarvestApiVersion.V3)
        {
            var id = V1Ids[permission];
            return access.MissingPermissions.Contains(id) ? Describe(HarvestPermissions.Get(id), HarvestPermissions.HowToGrant(HarvestPermissions.Get(id)), "The Greenhouse key") : null;
        }

        var missing = V3Scopes[permission].FirstOrDefault(access.MissingPermissions.Contains);
        return missing is null ? null : Describe(HarvestV3Scopes.Get(missing), HarvestV3Scopes.HowToGrant(HarvestV3Scopes.Get(missing)), "The Harvest v3 credential");
    }

    private static MissingPermission Describe(HarvestPermission permission, string howToGrant, string subject) =>
        new(permission.Id, permission.DisplayName, permission.UsedFor, $"{subject} lacks \"{permission.DisplayName}\". {howToGrant}");
}
