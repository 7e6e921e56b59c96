using System.Net;
using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Orgs;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Checks each Harvest permission with one request Greenhouse answers without changing anything: reads fetch one
/// record (or id 0), writes send a request Greenhouse must refuse before acting (an empty body, or id 0). A 403 means
/// the permission is missing; any other answer from Greenhouse means it is granted. A 401 means the key itself is bad.
/// Assumes Greenhouse checks an endpoint's permission before the request's content — true of the sandbox, and the only
/// order consistent with permissions being granted per endpoint.
/// </summary>
internal sealed class PermissionVerifier(TimeProvider time)
{
    private sealed record Probe(string PermissionId, HttpMethod Method, string Path, string? Body, bool Write);

    private static readonly Probe[] Probes =
    [
        new(HarvestPermissions.UsersList, HttpMethod.Get, "/v1/users?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.ApplicationsList, HttpMethod.Get, "/v1/applications?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.CandidatesList, HttpMethod.Get, "/v1/candidates?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.JobsList, HttpMethod.Get, "/v1/jobs?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.JobPostsList, HttpMethod.Get, "/v1/job_posts?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.JobStagesList, HttpMethod.Get, "/v1/job_stages?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.OfficesList, HttpMethod.Get, "/v1/offices?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.JobsRetrieve, HttpMethod.Get, "/v1/jobs/0", null, false),
        new(HarvestPermissions.JobPostsRetrieveForJob, HttpMethod.Get, "/v1/jobs/0/job_post", null, false),
        new(HarvestPermissions.JobStagesListForJob, HttpMethod.Get, "/v1/jobs/0/stages", null, false),
        new(HarvestPermissions.ActivityFeedRetrieve, HttpMethod.Get, "/v1/candidates/0/activity_feed", null, false),
        new(HarvestPermissions.InterviewsListForApplication, HttpMethod.Get, "/v1/applications/0/scheduled_interviews?per_page=1", null, false),
        new(HarvestPermissions.InterviewsList, HttpMethod.Get, "/v1/scheduled_interviews?per_page=1&skip_count=true", null, false),
        new(HarvestPermissions.InterviewsRetrieve, HttpMethod.Get, "/v1/scheduled_interviews/0", null, false),
        new(HarvestPermissions.CandidatesAddNote, HttpMethod.Post, "/v1/candidates/0/activity_feed/notes", "{}", true),
        new(HarvestPermissions.CandidatesAddEmail, HttpMethod.Post, "/v1/candidates/0/activity_feed/emails", "{}", true),
        new(HarvestPermissions.InterviewsCreate, HttpMethod.Post, "/v2/scheduled_interviews", "{}", true),
        new(HarvestPermissions.InterviewsUpdate, HttpMethod.Patch, "/v2/scheduled_interviews/0", "{}", true),
        new(HarvestPermissions.InterviewsDelete, HttpMethod.Delete, "/v1/scheduled_interviews/0", null, true),
    ];

    /// <param name="actingUserId">On-Behalf-Of for the write probes; a real user keeps the answer about the permission.</param>
    public async Task<PermissionReport> VerifyAsync(HarvestV1Client client, long? actingUserId, CancellationToken cancellationToken)
    {
        var onBehalfOf = (actingUserId ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var results = new Dictionary<string, (string Status, string? Detail)>();

        // The first probe also tells whether the key is accepted at all.
        var first = await RunAsync(client, Probes[0], onBehalfOf, cancellationToken);
        if (first.KeyRejected)
            return Report(PermissionReport.Invalid, first.Detail, _ => (PermissionCheck.Unknown, "Not checked: Greenhouse rejected the key."));
        results[Probes[0].PermissionId] = (first.Status, first.Detail);

        using var limit = new SemaphoreSlim(4);
        var rest = await Task.WhenAll(Probes.Skip(1).Select(async probe =>
        {
            await limit.WaitAsync(cancellationToken);
            try
            {
                return (probe.PermissionId, Outcome: await RunAsync(client, probe, onBehalfOf, cancellationToken));
            }
            finally
            {
                limit.Release();
            }
        }));
        foreach (var (id, outcome) in rest)
            results[id] = (outcome.Status, outcome.Detail);

        var allUnreachable = results.Values.All(r => r.Status == PermissionCheck.Unknown);
        return Report(allUnreachable ? PermissionReport.Unreachable : PermissionReport.Valid,
            allUnreachable ? results.Values.First().Detail : null, id => results[id]);
    }

    private PermissionReport Report(string key, string? keyProblem, Func<string, (string Status, string? Detail)> resultFor) =>
        new(key, keyProblem, time.GetUtcNow(), HarvestPermissions.All.Select(p =>
        {
            var (status, detail) = resultFor(p.Id);
            return new PermissionCheck(p.Id, p.DisplayName, status, p.UsedFor, p.FeaturesAffected,
                status == PermissionCheck.Granted ? "" : HarvestPermissions.HowToGrant(p),
                detail ?? (p.Required ? null : "Optional: GemScheduling works without it."));
        }).ToList());

    private static async Task<(string Status, string? Detail, bool KeyRejected)> RunAsync(HarvestV1Client client, Probe probe, string onBehalfOf, CancellationToken cancellationToken)
    {
        try
        {
            var status = await client.ProbeAsync(probe.Method, probe.Path, probe.Body, probe.Write ? onBehalfOf : null, cancellationToken);
            return status switch
            {
                HttpStatusCode.Unauthorized => (PermissionCheck.Unknown, "Greenhouse rejected the API key (401): it is invalid or was revoked.", true),
                HttpStatusCode.Forbidden => (PermissionCheck.Missing, "Greenhouse answered 403 Forbidden for this endpoint.", false),
                HttpStatusCode.TooManyRequests => (PermissionCheck.Unknown, "Greenhouse rate-limited the check; run the verification again.", false),
                >= HttpStatusCode.InternalServerError => (PermissionCheck.Unknown, $"Greenhouse failed ({(int)status}); run the verification again.", false),
                _ => (PermissionCheck.Granted, null, false),
            };
        }
        catch (HarvestApiException ex)
        {
            return (PermissionCheck.Unknown, $"Could not reach Greenhouse: {ex.GreenhouseMessage}", false);
        }
    }
}
