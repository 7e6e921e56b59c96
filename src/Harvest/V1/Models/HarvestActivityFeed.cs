using System.Text.Json.Serialization;

namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestActivityFeed(
    IReadOnlyList<HarvestNote>? Notes,
    IReadOnlyList<HarvestEmail>? Emails,
    IReadOnlyList<HarvestActivity>? Activities);

/// <summary>A note; <c>visibility</c> is read, the legacy misspelt <c>visiblity</c> is ignored.</summary>
public sealed record HarvestNote(long? Id, DateTimeOffset? CreatedAt, string? Body, HarvestUserRef? User, bool? Private, string? Visibility);

/// <summary>A logged email. <c>cc</c> is an array in the Add E-mail response but a string in the activity feed.</summary>
public sealed record HarvestEmail(
    long? Id, DateTimeOffset? CreatedAt, string? Subject, string? Body, string? To, string? From,
    [property: JsonConverter(typeof(StringOrArrayConverter))] IReadOnlyList<string>? Cc,
    HarvestUserRef? User);

public sealed record HarvestActivity(long? Id, DateTimeOffset? CreatedAt, string? Subject, string? Body, HarvestUserRef? User);
