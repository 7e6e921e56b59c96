namespace GemScheduling.Api.Hosting;

/// <summary>Every list: <c>{ "items": [...], "next": "&lt;url or null&gt;" }</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? Next);
