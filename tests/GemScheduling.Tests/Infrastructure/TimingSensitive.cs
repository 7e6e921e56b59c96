namespace GemScheduling.Tests.Infrastructure;

/// <summary>Specs that compare latencies: they run on their own, after the parallel ones, so other specs' load does not skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive (run alone)";
}
