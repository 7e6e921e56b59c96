using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V1.Models;

namespace GemScheduling.Tests.Infrastructure.Probe;

/// <summary>Makes Harvest calls from whichever silo it lives on, through that silo's client and the shared budget.</summary>
public interface IHarvestCallerProbeGrain : IGrainWithStringKey
{
    Task Start(HarvestCallerPlan plan);

    Task<IReadOnlyList<HarvestCallResult>?> Results();
}

[GenerateSerializer, Immutable]
public sealed record HarvestCallerPlan(
    [property: Id(0)] string BaseUrl, [property: Id(1)] string ApiKey, [property: Id(2)] string OrgId, [property: Id(3)] int Calls,
    [property: Id(4)] bool Writes, [property: Id(5)] long CandidateId, [property: Id(6)] long OrganizerId);

[GenerateSerializer, Immutable]
public sealed record HarvestCallResult([property: Id(0)] bool Write, [property: Id(1)] TimeSpan Took, [property: Id(2)] string? Error);

public sealed class HarvestCallerProbeGrain(HarvestClientFactory factory) : Grain, IHarvestCallerProbeGrain
{
    private Task<IReadOnlyList<HarvestCallResult>>? _work;

    public Task Start(HarvestCallerPlan plan)
    {
        var client = factory.CreateV1(new HarvestConnection(plan.OrgId, new Uri(plan.BaseUrl), plan.ApiKey), HarvestLane.Background);
        _work = Task.Run(() => CallAsync(client, plan)); // long waits happen off the grain, so no grain call times out
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HarvestCallResult>?> Results() =>
        Task.FromResult(_work is { IsCompletedSuccessfully: true } ? _work.Result : null);

    private static async Task<IReadOnlyList<HarvestCallResult>> CallAsync(HarvestV1Client client, HarvestCallerPlan plan)
    {
        var results = new List<HarvestCallResult>();
        for (var i = 0; i < plan.Calls; i++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                if (plan.Writes)
                    await client.CallAsync(api => api.AddNote(plan.CandidateId, new AddNoteRequest(plan.OrganizerId, $"budget probe {i}", "private"), plan.OrganizerId.ToString()));
                else
                    await client.CallAsync(api => api.ListUsers(new UserFilter { PerPage = 1 }));
                results.Add(new HarvestCallResult(plan.Writes, started.Elapsed, null));
            }
            catch (HarvestApiException ex)
            {
                results.Add(new HarvestCallResult(plan.Writes, started.Elapsed, ex.Message));
            }
        }

        return results;
    }
}
