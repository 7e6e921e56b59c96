namespace GemScheduling.Harvest.V1.Models;

// Wire shapes of Harvest v1/v2 (docs/HARVEST-CONTRACT.md §7). Every id is long and every field nullable: Greenhouse may send null
// for anything and adds members at any time (unknown members are ignored by the serializer).

public sealed record HarvestUserRef(long? Id, string? FirstName, string? LastName, string? Name, string? EmployeeId);

public sealed record HarvestNamedRef(long? Id, string? Name);

public sealed record HarvestLocation(string? Name, string? Address);

public sealed record HarvestTypedValue(string? Value, string? Type);
