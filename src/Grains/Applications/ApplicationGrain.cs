using GemScheduling.Greenhouse;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Applications;

/// <summary>Hears about Greenhouse changes to an application that has schedules (schedules build on this).</summary>
public sealed class ApplicationGrain(ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    public Task OnGreenhouseChanged(Application application)
    {
        logger.LogInformation("Application {ApplicationId} changed in Greenhouse: status {Status}, stage {StageId}", application.Id, application.Status, application.CurrentStageId);
        return Task.CompletedTask;
    }
}
