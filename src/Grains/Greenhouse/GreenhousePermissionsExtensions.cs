using GemScheduling.Harvest;
using GemScheduling.Orgs;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Permission checks in one vocabulary for both Harvest versions: callers ask about a v1 permission id, and a v3
/// connection answers with the v3 scope that replaces it (CONTRACT.md §11 mapping).
/// </summary>
public static class GreenhousePermissionsExtensions
{
    private static readonly IReadOnlyDictionary<string, string[]> V3ScopesFor = new Dictionary<string, string[]>
    {
        [HarvestPermissions.ApplicationsList] = [HarvestV3Scopes.ApplicationsList, HarvestV3Scopes.ApplicationStagesList],
        [HarvestPermissions.CandidatesList] = [HarvestV3Scopes.CandidatesList],
        [HarvestPermissions.CandidatesAddNote] = [HarvestV3Scopes.NotesCreate],
        [HarvestPermissions.CandidatesAddEmail] = [HarvestV3Scopes.NotesCreate],
        [HarvestPermissions.UsersList] = [HarvestV3Scopes.UsersList],
        [HarvestPermissions.InterviewsListForApplication] = [HarvestV3Scopes.InterviewsList, HarvestV3Scopes.InterviewersList],
        [HarvestPermissions.InterviewsDelete] = [HarvestV3Scopes.InterviewsDestroy],
        [HarvestPermissions.InterviewsCreate] = [HarvestV3Scopes.InterviewsCreate],
        [HarvestPermissions.InterviewsUpdate] = [HarvestV3Scopes.InterviewsUpdate],
        [HarvestPermissions.ActivityFeedRetrieve] = [HarvestV3Scopes.NotesList, HarvestV3Scopes.SiteAdminReads],
        [HarvestPermissions.JobsList] = [HarvestV3Scopes.JobsList],
        [HarvestPermissions.JobsRetrieve] = [HarvestV3Scopes.JobsList],
        [HarvestPermissions.JobPostsList] = [HarvestV3Scopes.JobPostsList],
        [HarvestPermissions.JobPostsRetrieveForJob] = [HarvestV3Scopes.JobPostsList],
        [HarvestPermissions.JobStagesList] = [HarvestV3Scopes.JobInterviewStagesList, HarvestV3Scopes.JobInterviewsList, HarvestV3Scopes.DefaultInterviewersList],
        [HarvestPermissions.JobStagesListForJob] = [HarvestV3Scopes.JobInterviewStagesList, HarvestV3Scopes.JobInterviewsList, HarvestV3Scopes.DefaultInterviewersList],
        [HarvestPermissions.OfficesList] = [HarvestV3Scopes.OfficesList],
        [HarvestPermissions.InterviewsList] = [HarvestV3Scopes.InterviewsList],
        [HarvestPermissions.InterviewsRetrieve] = [HarvestV3Scopes.InterviewsList],
    };

    /// <summary>The permission (v1 id) or the first of its v3 replacements the connection lacks, or null.</summary>
    public static HarvestPermission? Lacks(this GreenhouseAccess access, string permissionId)
    {
        if (access.ApiVersion != "v3")
            return access.MissingPermissions.Contains(permissionId) ? HarvestPermissions.Get(permissionId) : null;
        var missing = V3ScopesFor.GetValueOrDefault(permissionId, []).FirstOrDefault(access.MissingPermissions.Contains);
        return missing is null ? null : HarvestV3Scopes.Get(missing);
    }

    /// <summary>"The key lacks …" with where to grant it, in the terms of the connection's Harvest version.</summary>
    public static string Explain(this GreenhouseAccess access, HarvestPermission permission) => access.ApiVersion == "v3"
        ? $"The Harvest v3 credential lacks \"{permission.DisplayName}\". {HarvestV3Scopes.HowToGrant(permission)}"
        : $"The Greenhouse key lacks \"{permission.DisplayName}\". {HarvestPermissions.HowToGrant(permission)}";
}
