namespace GemScheduling.HarvestSandbox.Faults;

/// <summary>When a fault kind is decided, which fixes what it can see and replace.</summary>
internal enum FaultStage
{
    /// <summary>Before auth: answers instead of the endpoint (or only adds latency).</summary>
    Before,

    /// <summary>When a list endpoint has built a page: changes that page's Link header or body.</summary>
    Page,

    /// <summary>After a write was stored.</summary>
    Commit,
}

internal static class FaultKinds
{
    /// <summary>Admin wire names (the enum's JsonStringEnumMemberName), plus the status-code aliases the admin API accepts.</summary>
    private static readonly (FaultKind Kind, string Name, string? Alias)[] Names =
    [
        (FaultKind.Error500, "error_500", "500"),
        (FaultKind.Error502, "error_502", "502"),
        (FaultKind.Error503, "error_503", "503"),
        (FaultKind.RateLimit429, "rate_limit_429", "429"),
        (FaultKind.Latency, "latency", null),
        (FaultKind.Timeout, "timeout", null),
        (FaultKind.Drop, "drop", null),
        (FaultKind.CommitThenFail, "commit_then_fail", null),
        (FaultKind.CommitThenDrop, "commit_then_drop", null),
        (FaultKind.HugeLastPage, "huge_last_page", null),
        (FaultKind.EndlessNext, "endless_next", null),
        (FaultKind.ForeignNextLink, "foreign_next_link", null),
        (FaultKind.Redirect, "redirect", null),
        (FaultKind.HugeBody, "huge_body", null),
        (FaultKind.InvalidJson, "invalid_json", null),
        (FaultKind.OversizedPage, "oversized_page", null),
    ];

    /// <summary>The v1/v2 endpoints that page with a Link header (GET /v1/jobs/{id}/stages returns the whole plan at once).</summary>
    private static readonly string[] V1PagedLists =
    [
        "applications.list", "candidates.list", "users.list", "scheduled_interviews.list_for_application",
        "scheduled_interviews.list", "jobs.list", "job_posts.list", "job_stages.list", "offices.list",
    ];

    public static IReadOnlyList<FaultKind> All { get; } = Names.Select(n => n.Kind).ToArray();

    public static string Name(FaultKind kind) =>
        Names.First(n => n.Kind == kind).Name;

    public static bool TryParse(string? name, out FaultKind kind)
    {
        var text = name?.ToLowerInvariant();
        foreach (var n in Names)
        {
            if (text == n.Name || (n.Alias is not null && text == n.Alias))
            {
                kind = n.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static FaultStage Stage(FaultKind kind) => kind switch
    {
        FaultKind.CommitThenFail or FaultKind.CommitThenDrop => FaultStage.Commit,
        FaultKind.HugeLastPage or FaultKind.EndlessNext or FaultKind.ForeignNextLink or FaultKind.OversizedPage => FaultStage.Page,
        _ => FaultStage.Before,
    };

    /// <summary>Page faults: the endpoints a kind can change (v3 has no <c>rel="last"</c> for a huge last page to lie in).</summary>
    public static IEnumerable<string> PagedListIds(FaultKind kind) =>
        kind == FaultKind.HugeLastPage
            ? V1PagedLists
            : V1PagedLists.Concat(HarvestV3Scopes.All.Where(s => s.Id.EndsWith(":list", StringComparison.Ordinal)).Select(s => s.Id));
}
