namespace GemScheduling.HarvestSandbox.Store;

internal sealed class Candidate : IEntity
{
    public required long Id { get; init; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Company { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset LastActivity { get; set; }
    public bool IsPrivate { get; set; }
    public List<ContactValue> EmailAddresses { get; } = [];
    public List<ContactValue> PhoneNumbers { get; } = [];
    public long? RecruiterId { get; set; }
    public long? CoordinatorId { get; set; }

    // Rarely filled lists are created on first write: a Large org has 100k candidates.
    private List<string>? _tags;
    private List<FeedNote>? _notes;
    private List<FeedEmail>? _emails;
    private List<FeedActivity>? _activities;

    public IReadOnlyList<string> Tags => _tags ?? (IReadOnlyList<string>)Array.Empty<string>();

    public IReadOnlyList<long> LinkedUserIds { get; } = Array.Empty<long>();

    // Navigation lists in id order.
    public List<Application> Applications { get; } = [];
    public List<FeedNote> Notes => _notes ??= [];
    public List<FeedEmail> Emails => _emails ??= [];
    public List<FeedActivity> Activities => _activities ??= [];

    public void AddTag(string tag)
    {
        _tags ??= [];
        if (!_tags.Contains(tag))
        {
            _tags.Add(tag);
        }
    }

    public string Name => $"{FirstName} {LastName}";

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(FirstName); w.Write(LastName); w.Write(Company); w.Write(Title);
        w.Write(CreatedAt); w.Write(UpdatedAt); w.Write(LastActivity); w.Write(IsPrivate);
        foreach (var list in (List<ContactValue>[])[EmailAddresses, PhoneNumbers])
        {
            w.Write((long)list.Count);
            foreach (var c in list)
            {
                w.Write(c.Value); w.Write(c.Type);
            }
        }

        w.Write(Tags); w.Write(RecruiterId); w.Write(CoordinatorId); w.Write(LinkedUserIds);
    }
}

internal sealed record ContactValue(string Value, string Type);
