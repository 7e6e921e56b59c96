using GemScheduling.Api.Applications;
using GemScheduling.Api.SelfScheduling;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>One application a search found, with its candidate and job for the list.</summary>
public sealed record ApplicationMatch(Application Application, Candidate? Candidate, string? JobName);

public sealed record ApplicationSearchModel(string OrgName, string? Query, IReadOnlyList<ApplicationMatch> Matches, string? Problem, FormToken Antiforgery);

/// <summary>A failed attempt to schedule an option, as the page shows it: what went wrong and, for a 422, each field's problem.</summary>
public sealed record SchedulingProblem(int Status, string Message, IReadOnlyList<string> Details);

/// <summary>
/// An application's page: its context (as <c>GET .../applications/{id}</c> answers it) and, for tokens that may
/// schedule, the suggestions (as <c>POST .../suggestions</c> answers them) each with the body that books it.
/// </summary>
public sealed record ApplicationPageModel(
    string OrgName, ApplicationContext Context, LoopSuggestions? Suggestions, string? SuggestionsProblem, bool CanSchedule,
    IReadOnlyList<string> OptionBodies, string OptionKey, SchedulingProblem? Problem, FormToken Antiforgery,
    IssuedBookingLink? Offered = null)
{
    public string CandidateName => Context.Candidate?.DisplayName is { Length: > 0 } name ? name : $"Candidate {Context.Application.CandidateId}";
}

internal static class ApplicationData
{
    private const int MaxMatches = 50;

    /// <summary>
    /// Applications whose candidate's name contains the query or whose email is the query, or the application with that
    /// id: the read model's own candidate filters (the same as <c>GET .../candidates?name=|email=</c>).
    /// </summary>
    public static async Task<IReadOnlyList<ApplicationMatch>> SearchAsync(string orgId, string query, IGreenhouseReadModel readModel, CancellationToken ct)
    {
        var applications = new List<Application>();
        var candidates = new Dictionary<long, Candidate>();
        if (long.TryParse(query, out var id) && id > 0)
        {
            if (await readModel.GetAsync<Application>(orgId, id, ct) is { } byId)
                applications.Add(byId);
        }
        else
        {
            var filter = query.Contains('@') ? new ReadQuery { Email = query, Limit = 20 } : new ReadQuery { Name = query, Limit = 20 };
            foreach (var candidate in (await readModel.ListAsync<Candidate>(orgId, filter, ct)).Items)
            {
                candidates[candidate.Id] = candidate;
                applications.AddRange((await readModel.ListAsync<Application>(orgId, new ReadQuery { CandidateId = candidate.Id, Limit = 20 }, ct)).Items);
                if (applications.Count >= MaxMatches)
                    break;
            }
        }

        var missing = applications.Select(a => a.CandidateId).Where(c => !candidates.ContainsKey(c)).Distinct().ToList();
        foreach (var candidate in await readModel.GetManyAsync<Candidate>(orgId, missing, ct))
            candidates[candidate.Id] = candidate;
        var jobs = (await readModel.GetManyAsync<Job>(orgId, applications.Select(a => a.JobId).OfType<long>().Distinct().ToList(), ct)).ToDictionary(j => j.Id);
        return applications.Take(MaxMatches)
            .Select(a => new ApplicationMatch(a, candidates.GetValueOrDefault(a.CandidateId), a.JobId is { } job ? jobs.GetValueOrDefault(job)?.Name : null))
            .ToList();
    }

    /// <summary>The API's defaults for a suggestion request without a body (the steps left in the current stage), fewer options to fit a page.</summary>
    public static readonly SuggestLoopRequest DefaultSuggestions = new(null, KeepOrder: true, BreakMinutes: 0, MaxDays: 1, From: null, To: null,
        MaxOptions: 5, LeadTimeMinutes: 120);

    public static async Task<(LoopSuggestions? Suggestions, string? Problem)> SuggestAsync(string orgId, long applicationId, ILoopSuggester suggester,
        CancellationToken ct)
    {
        try
        {
            return (await suggester.SuggestAsync(orgId, applicationId, DefaultSuggestions, ct), null);
        }
        catch (ValidationFailedException invalid)
        {
            return (null, string.Join(" ", invalid.Errors.SelectMany(e => e.Value)));
        }
    }
}
