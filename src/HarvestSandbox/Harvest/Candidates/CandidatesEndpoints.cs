using System.Globalization;
using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class CandidatesEndpoints
{
    private const int MaxCandidateIds = 50;

    public static void MapCandidates(this HarvestRoutes routes)
    {
        var candidates = routes.V1.MapGroup("/candidates");
        candidates.MapHarvest(routes, HarvestPermissions.CandidatesList, "", List);
    }

    /// <summary>GET /v1/candidates (docs/HARVEST-CONTRACT.md §7.2).</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var created = q.Range("created");
        var updated = q.Range("updated");
        var jobId = q.Id("job_id");
        var email = q.Get("email");
        List<long>? ids = null;
        if (email is null && q.Get("candidate_ids") is { } idsText)
        {
            ids = ParseIds(idsText, q);
        }

        Func<Candidate, bool>? filter = created.IsEmpty && updated.IsEmpty && jobId is null
            ? null
            : c => created.Contains(c.CreatedAt) && updated.Contains(c.UpdatedAt) &&
                   (jobId is null || AppliedTo(c, jobId.Value));

        return call.Page(q, data =>
            {
                if (email is not null)
                {
                    return data.FindCandidatesByEmail(email);
                }

                return ids is null
                    ? data.Candidates.Items
                    : ids.Select(data.Candidates.Find).OfType<Candidate>().ToList();
            },
            filter, CandidateProjection.ToDto, HarvestJson.ListCandidateDto);
    }

    /// <summary>job_id: candidates who applied to the job; prospects excluded.</summary>
    private static bool AppliedTo(Candidate c, long jobId)
    {
        foreach (var a in c.Applications)
        {
            if (!a.Prospect && a.JobId == jobId)
            {
                return true;
            }
        }

        return false;
    }

    private static List<long>? ParseIds(string text, ListQuery q)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxCandidateIds)
        {
            q.Errors.Add(new FieldError($"candidate_ids accepts at most {MaxCandidateIds} ids", "candidate_ids"));
            return null;
        }

        var ids = new SortedSet<long>();
        foreach (var part in parts)
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
