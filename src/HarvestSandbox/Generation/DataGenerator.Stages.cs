using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

internal sealed partial class DataGenerator
{
    /// <summary>
    /// Stage stays (v3 <c>/v3/application_stages</c>): every application with a current stage went through its
    /// job's active stages in plan order up to that one, entering them at even steps between applying and its last
    /// activity; rejected, hired and converted ones left their last stage at their rejection or last activity. Uses no
    /// random draws, so everything generated before it is unchanged.
    /// </summary>
    private void GenerateStageHistory()
    {
        var plans = new Dictionary<long, JobStage[]>();
        foreach (var application in _data.Applications.Items)
        {
            if (application.JobId is not { } jobId || application.CurrentStageId is not { } currentId)
            {
                continue;
            }

            if (!plans.TryGetValue(jobId, out var plan))
            {
                plans[jobId] = plan = _data.Jobs.Find(jobId)!.Stages.Where(s => s.Active).OrderBy(s => s.Priority).ToArray();
            }

            var index = Array.FindIndex(plan, s => s.Id == currentId);
            var count = index < 0 ? 1 : index + 1;
            var span = application.LastActivityAt - application.AppliedAt;
            for (var i = 0; i < count; i++)
            {
                var stageId = index < 0 ? currentId : plan[i].Id;
                var at = application.AppliedAt + TimeSpan.FromMilliseconds(Math.Floor(span.TotalMilliseconds * i / count));
                _data.EnterStage(application, stageId, at);
            }

            if (application.Status != ApplicationStatus.Active)
            {
                _data.ExitCurrentStage(application, application.RejectedAt ?? application.LastActivityAt);
            }
        }
    }
}
