namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>A step ready for the search: its length in ticks and its pool as interviewer indices (profiles that resolved).</summary>
internal sealed record PreparedStep(int Index, StepRequest Request, long Length, int[] Pool, int Needed)
{
    public string Name => string.IsNullOrWhiteSpace(Request.Name) ? $"step {Request.InterviewStepId}" : $"'{Request.Name}'";

    /// <summary>Steps that are interchangeable for the search (same length, pool and headcount).</summary>
    public bool SameShapeAs(PreparedStep other) =>
        Length == other.Length && Needed == other.Needed && Pool.AsSpan().SequenceEqual(other.Pool);
}
