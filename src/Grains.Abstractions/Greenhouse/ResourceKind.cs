namespace GemScheduling.Greenhouse;

/// <summary>What the sync copies from Greenhouse.</summary>
[GenerateSerializer, Alias("gs.resource-kind")]
public enum ResourceKind
{
    Offices,
    Users,
    Jobs,
    JobPosts,
    JobStages,
    Candidates,
    Applications,
}
