namespace GemScheduling.HarvestSandbox.Store;

/// <summary>
/// One stay of an application in a job stage (Harvest v3 <c>/v3/application_stages</c>). v3's
/// <c>application.stage_id</c> is the id of the current one of these, not a job stage id (docs/HARVEST-CONTRACT.md §8, §11).
/// </summary>
internal sealed class ApplicationStage : IEntity
{
    public required long Id { get; init; }
    public required long ApplicationId { get; init; }
    public required long JobStageId { get; init; }
    public required DateTimeOffset EnteredAt { get; init; }
    public DateTimeOffset? ExitedAt { get; set; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(ApplicationId); w.Write(JobStageId); w.Write(EnteredAt); w.Write(ExitedAt);
    }
}
