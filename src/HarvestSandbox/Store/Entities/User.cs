namespace GemScheduling.HarvestSandbox.Store;

internal sealed class User : IEntity
{
    public required long Id { get; init; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }

    /// <summary>Primary address first, then secondary ones.</summary>
    public required List<string> Emails { get; init; }

    /// <summary>Secondary addresses whose owner never confirmed them (v3 <c>/v3/user_emails</c> <c>verified: false</c>).</summary>
    public HashSet<string> UnverifiedEmails { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? EmployeeId { get; set; }
    public bool Disabled { get; set; }
    public bool SiteAdmin { get; set; }

    /// <summary>
    /// Stands in for Greenhouse's per-user "can manage this application" rights; scheduling writes made on behalf
    /// of a user without it are refused (docs/HARVEST-CONTRACT.md §2, §12).
    /// </summary>
    public bool CanManageApplications { get; set; } = true;

    /// <summary>The auto-created v3 "Integration Service User" (hidden from /v3/users unless show_service_accounts=true).</summary>
    public bool ServiceAccount { get; init; }
    public List<long> OfficeIds { get; } = [];
    public List<long> DepartmentIds { get; } = [];
    public List<long> LinkedCandidateIds { get; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Name => $"{FirstName} {LastName}";

    public string PrimaryEmail => Emails[0];

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(FirstName); w.Write(LastName); w.Write(Emails); w.Write(EmployeeId);
        w.Write(Disabled); w.Write(SiteAdmin); w.Write(CanManageApplications); w.Write(OfficeIds);
        w.Write(DepartmentIds); w.Write(LinkedCandidateIds); w.Write(CreatedAt); w.Write(UpdatedAt); w.Write(ServiceAccount);
        w.Write(Emails.Where(UnverifiedEmails.Contains).ToList());
    }
}
