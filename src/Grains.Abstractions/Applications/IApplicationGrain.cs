using GemScheduling.Greenhouse;
using Orleans.Concurrency;

namespace GemScheduling.Applications;

/// <summary>
/// One Greenhouse application inside GemScheduling: its schedules and the candidate-level writes (notes, emails) made
/// for it, one at a time. Keyed <c>{orgId}/app-{applicationId}</c>.
/// </summary>
[Alias("gs.application-grain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    /// <summary>The sync saw this application's job, status or stage change in Greenhouse.</summary>
    [OneWay, Alias("changed")]
    Task OnGreenhouseChanged(Application application);

    public static string Key(string orgId, long applicationId) => $"{orgId}/app-{applicationId}";
}
