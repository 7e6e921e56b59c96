namespace GemScheduling.HarvestSandbox.Store;

internal sealed class Office : IOrgUnit
{
    public required long Id { get; init; }
    public required string Name { get; set; }
    public required string LocationName { get; set; }
    public long? ParentId { get; set; }
    public List<long> ChildIds { get; } = [];
    public long? PrimaryContactUserId { get; set; }
    public string? ExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(Name); w.Write(LocationName); w.Write(ParentId); w.Write(ChildIds);
        w.Write(PrimaryContactUserId); w.Write(ExternalId); w.Write(CreatedAt); w.Write(UpdatedAt);
    }
}

internal sealed class Department : IOrgUnit
{
    public required long Id { get; init; }
    public required string Name { get; set; }
    public long? ParentId { get; set; }
    public List<long> ChildIds { get; } = [];
    public string? ExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(Name); w.Write(ParentId); w.Write(ChildIds); w.Write(ExternalId); w.Write(CreatedAt); w.Write(UpdatedAt);
    }
}

/// <summary>Application source ("Referral", "LinkedIn", ...).</summary>
internal sealed class Source : IEntity
{
    public required long Id { get; init; }
    public required string PublicName { get; init; }
    public required string TypeName { get; init; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(PublicName); w.Write(TypeName);
    }
}

internal sealed class RejectionReason : IEntity
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required long TypeId { get; init; }
    public required string TypeName { get; init; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(Name); w.Write(TypeId); w.Write(TypeName);
    }
}

/// <summary>A node of one of the org's trees (offices, departments): what their lists filter on.</summary>
internal interface IOrgUnit : IEntity
{
    long? ParentId { get; }
    string? ExternalId { get; }
    DateTimeOffset CreatedAt { get; }
    DateTimeOffset UpdatedAt { get; }
}
