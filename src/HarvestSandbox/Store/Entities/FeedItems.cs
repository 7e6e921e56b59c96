namespace GemScheduling.HarvestSandbox.Store;

internal sealed class FeedNote : IEntity
{
    public required long Id { get; init; }
    public required long CandidateId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Body { get; init; }
    public long? UserId { get; init; }
    public NoteVisibility Visibility { get; init; }

    /// <summary>
    /// The On-Behalf-Of user of the Harvest call that wrote it, or the token's <c>sub</c> for a v3 write
    /// (audit only; not in Harvest output).
    /// </summary>
    public long? OnBehalfOfUserId { get; init; }

    /// <summary>Set by v3 <c>POST /v3/notes</c> when the body names an application; v1 has no such field.</summary>
    public long? ApplicationId { get; init; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(CandidateId); w.Write(CreatedAt); w.Write(Body); w.Write(UserId); w.Write((long)Visibility);
        w.Write(OnBehalfOfUserId); w.Write(ApplicationId);
    }
}

internal sealed class FeedEmail : IEntity
{
    public required long Id { get; init; }
    public required long CandidateId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required string To { get; init; }
    public required string From { get; init; }
    public IReadOnlyList<string> Cc { get; init; } = [];
    public long? UserId { get; init; }
    public long? OnBehalfOfUserId { get; init; }

    /// <summary>v3 EMAIL notes carry a visibility; v1 logged emails are public.</summary>
    public NoteVisibility Visibility { get; init; } = NoteVisibility.Public;
    public long? ApplicationId { get; init; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(CandidateId); w.Write(CreatedAt); w.Write(Subject); w.Write(Body); w.Write(To); w.Write(From);
        w.Write(Cc); w.Write(UserId); w.Write(OnBehalfOfUserId); w.Write((long)Visibility); w.Write(ApplicationId);
    }
}

/// <summary>A system event on the feed: free-text subject and body (docs/HARVEST-CONTRACT.md §7.7).</summary>
internal sealed class FeedActivity : IEntity
{
    public required long Id { get; init; }
    public required long CandidateId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public long? UserId { get; init; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(CandidateId); w.Write(CreatedAt); w.Write(Subject); w.Write(Body); w.Write(UserId);
    }
}
