using System.Globalization;
using System.Net;
using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Orgs;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Checks each Harvest v3 scope with a request Greenhouse answers without changing anything: lists fetch one row,
/// writes send a body or id Greenhouse must refuse before acting. 403 means the scope (or, for interview writes, the
/// acting user's permission to manage applications) is missing; what Greenhouse said is kept as the detail. Also
/// checks that list reads return rows at all (v3 lists answer only a Site Admin, with nothing or a 403 otherwise), and
/// whether confidential jobs the reader does not see can be read at all. Reads run as the connection's reader.
/// </summary>
internal sealed class V3PermissionVerifier(TimeProvider time)
{
    private sealed record Probe(string ScopeId, HttpMethod Method, string Path, string? Body, bool Write);

    private static readonly Probe[] Probes =
    [
        new(HarvestV3Scopes.UsersList, HttpMethod.Get, "v3/users?per_page=1", null, false),
        new(HarvestV3Scopes.ApplicationsList, HttpMethod.Get, "v3/applications?per_page=1", null, false),
        new(HarvestV3Scopes.ApplicationStagesList, HttpMethod.Get, "v3/application_stages?per_page=1", null, false),
        new(HarvestV3Scopes.CandidatesList, HttpMethod.Get, "v3/candidates?per_page=1", null, false),
        new(HarvestV3Scopes.InterviewsList, HttpMethod.Get, "v3/interviews?per_page=1", null, false),
        new(HarvestV3Scopes.InterviewersList, HttpMethod.Get, "v3/interviewers?per_page=1", null, false),
        new(HarvestV3Scopes.NotesList, HttpMethod.Get, "v3/notes?per_page=1", null, false),
        new(HarvestV3Scopes.JobsList, HttpMethod.Get, "v3/jobs?per_page=1", null, false),
        new(HarvestV3Scopes.JobPostsList, HttpMethod.Get, "v3/job_posts?per_page=1", null, false),
        new(HarvestV3Scopes.JobInterviewStagesList, HttpMethod.Get, "v3/job_interview_stages?per_page=1", null, false),
        new(HarvestV3Scopes.JobInterviewsList, HttpMethod.Get, "v3/job_interviews?per_page=1", null, false),
        new(HarvestV3Scopes.DefaultInterviewersList, HttpMethod.Get, "v3/default_interviewers?per_page=1", null, false),
        new(HarvestV3Scopes.OfficesList, HttpMethod.Get, "v3/offices?per_page=1", null, false),
        new(HarvestV3Scopes.InterviewKitsList, HttpMethod.Get, "v3/interview_kits?per_page=1", null, false),
        new(HarvestV3Scopes.JobOwnersList, HttpMethod.Get, "v3/job_owners?per_page=1", null, false),
        new(HarvestV3Scopes.DepartmentsList, HttpMethod.Get, "v3/departments?per_page=1", null, false),
        new(HarvestV3Scopes.UserEmailsList, HttpMethod.Get, "v3/user_emails?per_page=1", null, false),
        new(HarvestV3Scopes.InterviewsCreate, HttpMethod.Post, "v3/interviews", "{}", true),
        new(HarvestV3Scopes.InterviewsUpdate, HttpMethod.Patch, "v3/interviews/0", "{}", true),
        new(HarvestV3Scopes.InterviewsDestroy, HttpMethod.Delete, "v3/interviews/0", null, true),
        new(HarvestV3Scopes.NotesCreate, HttpMethod.Post, "v3/notes", "{}", true),
    ];

    /// <param name="actingUserId">The organizer: write probes use a token minted for this user, as real writes will.</param>
    /// <param name="readerUserId">Who reads (null: the Integration Service User).</param>
    public async Task<PermissionReport> VerifyAsync(HarvestV3Client client, long? actingUserId, long? readerUserId, CancellationToken cancellationToken)
    {
        var acting = actingUserId?.ToString(CultureInfo.InvariantCulture);
        var results = new Dictionary<string, (string Status, string? Detail)>();

        // Reading users first also tells whether the credential works at all, and whether lists return anything.
        var siteAdmin = await SiteAdminAsync(client, cancellationToken);
        if (siteAdmin.CredentialRejected)
            return Report(PermissionReport.Invalid, siteAdmin.Detail, _ => (PermissionCheck.Unknown, "Not checked: Greenhouse rejected the credential."));
        results[HarvestV3Scopes.SiteAdminReads] = (siteAdmin.Status, siteAdmin.Detail);

        using var limit = new SemaphoreSlim(4);
        var outcomes = await Task.WhenAll(Probes.Select(async probe =>
        {
            await limit.WaitAsync(cancellationToken);
            try
            {
                return (probe.ScopeId, Outcome: await RunAsync(client, probe, probe.Write ? acting : null, cancellationToken));
            }
            finally
            {
                limit.Release();
            }
        }));
        foreach (var (id, outcome) in outcomes)
            results[id] = outcome;

        // Greenhouse answers a reader who is not a Site Admin with empty lists or, by another reading, with 403 on every
        // one: a 403 on every list is that, not a credential without a single list scope.
        var lists = Probes.Where(p => !p.Write).Select(p => p.ScopeId).ToList();
        if (lists.All(id => results[id].Status == PermissionCheck.Missing))
        {
            results[HarvestV3Scopes.SiteAdminReads] = (PermissionCheck.Missing, "Every v3 list answered 403 Forbidden: the reader is not a Site Admin.");
            foreach (var id in lists)
                results[id] = (PermissionCheck.Unknown, "Not checked: Greenhouse refuses every list to a reader who is not a Site Admin.");
        }

        results[HarvestV3Scopes.ConfidentialJobsReach] = results[HarvestV3Scopes.JobsList].Status == PermissionCheck.Granted &&
                                                         results[HarvestV3Scopes.SiteAdminReads].Status == PermissionCheck.Granted
            ? await ConfidentialJobsAsync(client, readerUserId, cancellationToken)
            : (PermissionCheck.Unknown, "Not checked: the reader cannot list jobs.");

        var allUnreachable = results.Values.All(r => r.Status == PermissionCheck.Unknown);
        return Report(allUnreachable ? PermissionReport.Unreachable : PermissionReport.Valid,
            allUnreachable ? results.Values.First().Detail : null, id => results[id]);
    }

    /// <summary>Confidential jobs some Site Admin sees and the reader does not: they (and everything under them) do not sync.</summary>
    private static async Task<(string Status, string? Detail)> ConfidentialJobsAsync(HarvestV3Client client, long? readerUserId, CancellationToken cancellationToken)
    {
        try
        {
            var survey = await new V3ConfidentialJobs(client, readerUserId).SurveyAsync(cancellationToken);
            var asked = survey.AdminsAsked < survey.Admins ? $" (of {survey.Admins} Site Admins, the first {survey.AdminsAsked} were asked)" : "";
            if (survey.HiddenFromReader.Count == 0)
                return (PermissionCheck.Granted, $"The reader sees {survey.VisibleToReader} confidential job(s), and no other Site Admin sees one it does not{asked}. " +
                                                 "A confidential job with no Site Admin on its hiring team is invisible to every Harvest v3 credential.");
            var examples = string.Join("; ", survey.HiddenFromReader.OrderBy(h => h.Key).Take(10).Select(h => $"job {h.Key} (visible to user {string.Join(", ", h.Value)})"));
            return (PermissionCheck.Missing, $"{survey.HiddenFromReader.Count} confidential job(s) are out of the reader's reach, with their applications, stages " +
                                             $"and interviews, and do not sync: {examples}{(survey.HiddenFromReader.Count > 10 ? "; …" : "")}{asked}.");
        }
        catch (HarvestApiException ex)
        {
            return (PermissionCheck.Unknown, Unanswered(ex));
        }
    }

    private static string Unanswered(HarvestApiException ex) => ex.Kind switch
    {
        HarvestErrorKind.OverBudget =>
            $"Not checked: GemScheduling's own rate budget for this org is taken (a sync is using it) for the next {Math.Ceiling((ex.RetryAfter ?? TimeSpan.Zero).TotalSeconds):0} s; " +
            "run the verification again then. Greenhouse itself was not asked.",
        _ when ex.Endpoint == "POST /token" => $"Could not get an access token for the acting user: {ex.GreenhouseMessage}",
        _ => $"Could not reach Greenhouse: {ex.GreenhouseMessage}",
    };

    private PermissionReport Report(string key, string? keyProblem, Func<string, (string Status, string? Detail)> resultFor) =>
        new(key, keyProblem, time.GetUtcNow(), HarvestV3Scopes.All.Append(HarvestV3Scopes.SiteAdmin).Append(HarvestV3Scopes.ConfidentialJobs).Select(p =>
        {
            var (status, detail) = resultFor(p.Id);
            return new PermissionCheck(p.Id, p.DisplayName, status, p.UsedFor, p.FeaturesAffected,
                status == PermissionCheck.Granted ? "" : HarvestV3Scopes.HowToGrant(p), detail);
        }).ToList());

    private static async Task<(string Status, string? Detail, bool CredentialRejected)> SiteAdminAsync(HarvestV3Client client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReaderSeesUsersAsync(cancellationToken)
                ? (PermissionCheck.Granted, null, false)
                : (PermissionCheck.Missing, "GET /v3/users returned no users at all: the token's user is not a Site Admin, so every v3 list reads empty.", false);
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Unauthorized)
        {
            return (PermissionCheck.Unknown, $"Greenhouse rejected the OAuth client credentials: {ex.GreenhouseMessage}", true);
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Forbidden)
        {
            return (PermissionCheck.Unknown, $"Not checked: reading users was refused ({ex.GreenhouseMessage}).", false);
        }
        catch (HarvestApiException ex)
        {
            return (PermissionCheck.Unknown, Unanswered(ex), false);
        }
    }

    private static async Task<(string Status, string? Detail)> RunAsync(HarvestV3Client client, Probe probe, string? acting, CancellationToken cancellationToken)
    {
        if (probe.Write && acting is null)
            return (PermissionCheck.Unknown, "Not checked: no acting user to write as.");
        try
        {
            var (status, message) = await client.ProbeWithMessageAsync(probe.Method, probe.Path, probe.Body, acting, cancellationToken);
            return status switch
            {
                HttpStatusCode.Forbidden => (PermissionCheck.Missing, $"Greenhouse answered 403 Forbidden: {message}"),
                HttpStatusCode.Unauthorized => (PermissionCheck.Unknown, $"Greenhouse did not accept the access token (401): {message}"),
                HttpStatusCode.TooManyRequests => (PermissionCheck.Unknown, "Greenhouse rate-limited the check; run the verification again."),
                >= HttpStatusCode.InternalServerError => (PermissionCheck.Unknown, $"Greenhouse failed ({(int)status}); run the verification again."),
                _ => (PermissionCheck.Granted, null),
            };
        }
        catch (HarvestApiException ex)
        {
            return (PermissionCheck.Unknown, Unanswered(ex));
        }
    }
}
