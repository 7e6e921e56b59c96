using System.Globalization;
using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Confidential jobs, and everything under them, show only to their hiring team: a reader off the team does not sync
/// them. Harvest v3 lists answer only Site Admins, so the confidential jobs any credential can reach are those some
/// Site Admin on their hiring team sees. The survey asks each Site Admin (a token minted for their <c>sub</c>) which
/// confidential jobs they see, and reports those the reader does not. A confidential job with no Site Admin on its
/// hiring team is invisible to every v3 credential, so nobody can count it.
/// </summary>
internal sealed class V3ConfidentialJobs(HarvestV3Client client, long? readerUserId)
{
    /// <summary>The survey asks at most this many Site Admins (each costs a token and a request).</summary>
    public const int MaxAdminsAsked = 20;

    public sealed record Survey(int VisibleToReader, IReadOnlyDictionary<long, IReadOnlyList<long>> HiddenFromReader, int AdminsAsked, int Admins);

    public async Task<Survey> SurveyAsync(CancellationToken cancellationToken)
    {
        var mine = await ConfidentialAsync(null, cancellationToken);
        var users = await client.AllAsync(api => api.ListUsers(new V3UserFilter { PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        var admins = users.Where(u => u is { Id: not null, SiteAdmin: true, Deactivated: not true } && u.Id != readerUserId)
            .Select(u => u.Id!.Value).Order().ToList();
        var hidden = new Dictionary<long, List<long>>();
        foreach (var admin in admins.Take(MaxAdminsAsked))
        {
            try
            {
                foreach (var job in await ConfidentialAsync(admin, cancellationToken))
                {
                    if (!mine.Contains(job))
                        (hidden.TryGetValue(job, out var seers) ? seers : hidden[job] = []).Add(admin);
                }
            }
            catch (HarvestApiException ex) when (ex.Kind is HarvestErrorKind.Forbidden or HarvestErrorKind.Unauthorized or HarvestErrorKind.Validation)
            {
                // No token for this user, or lists refused to them: another Site Admin may do.
            }
        }

        return new Survey(mine.Count, hidden.ToDictionary(h => h.Key, h => (IReadOnlyList<long>)h.Value), Math.Min(admins.Count, MaxAdminsAsked), admins.Count);
    }

    /// <param name="asUser">Null: as the reader.</param>
    private async Task<HashSet<long>> ConfidentialAsync(long? asUser, CancellationToken cancellationToken)
    {
        var filter = new V3ConfidentialJobFilter { Confidential = true, PerPage = V3Lists.PageSize };
        var jobs = asUser is { } user
            ? await client.AllAsync(api => api.ListJobsAs(filter, user.ToString(CultureInfo.InvariantCulture), cancellationToken), cancellationToken)
            : await client.AllAsync(api => api.ListJobsAs(filter, null, cancellationToken), cancellationToken);
        return [.. jobs.Where(j => j.Id is not null && j.Confidential == true).Select(j => j.Id!.Value)];
    }
}
