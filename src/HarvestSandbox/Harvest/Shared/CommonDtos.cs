namespace GemScheduling.HarvestSandbox.Harvest;

// Harvest v1 wire shapes shared by several resources. Property order follows docs/HARVEST-CONTRACT.md §7's examples;
// JSON names come from the snake_case policy of HarvestJsonContext.

public sealed record UserRefDto(long Id, string FirstName, string LastName, string Name, string? EmployeeId);

public sealed record LocationNameDto(string? Name);

public sealed record OfficeRefDto(
    long Id, string Name, LocationNameDto Location, long? PrimaryContactUserId, long? ParentId,
    IReadOnlyList<long> ChildIds, string? ExternalId);

public sealed record DepartmentDto(long Id, string Name, long? ParentId, IReadOnlyList<long> ChildIds, string? ExternalId);

public sealed record MessageBody(string Message);

public sealed record FieldError(string Message, string Field);

public sealed record ValidationErrorBody(string Message, IReadOnlyList<FieldError> Errors);

public static class CustomFields
{
    /// <summary>Custom fields are Enterprise-only and the sandbox has none: always <c>{}</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Empty = new Dictionary<string, string?>();
}

public sealed record AttachmentDto(string Filename, string Url, string Type, DateTimeOffset CreatedAt);
