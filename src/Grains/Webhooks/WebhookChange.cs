using System.Text.Json;

namespace GemScheduling.Webhooks;

/// <summary>What a delivery asks GemScheduling to look at again; the payload itself is never trusted for data.</summary>
[GenerateSerializer, Alias("gs.webhook-kind")]
public enum WebhookKind
{
    /// <summary>The ping Greenhouse sends when a hook is saved.</summary>
    Ping,

    /// <summary>Candidates whose records and applications are read again (stage moves, rejections, edits, deletions, merges).</summary>
    Candidates,

    /// <summary>Jobs read again with their posts and stages.</summary>
    Jobs,

    /// <summary>Greenhouse interviews deleted in its UI: the schedules holding them compare with Greenhouse now.</summary>
    InterviewsDeleted,

    /// <summary>Recorded and ignored.</summary>
    Unknown,
}

/// <summary>
/// A verified delivery reduced to ids (docs/WEBHOOKS-CONTRACT.md §3): processing re-reads Greenhouse for each, so a
/// late or out-of-order delivery still ends in Greenhouse's latest state.
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.webhook-change")]
public sealed record WebhookChange(
    [property: Id(0)] string Action, [property: Id(1)] WebhookKind Kind, [property: Id(2)] IReadOnlyList<long> CandidateIds,
    [property: Id(3)] IReadOnlyList<long> RemovedApplicationIds, [property: Id(4)] IReadOnlyList<long> JobIds, [property: Id(5)] IReadOnlyList<long> InterviewIds,
    [property: Id(6)] DateTimeOffset? ChangedAt)
{
    public const int MaxActionLength = 64;

    /// <summary>A signed body that is not a JSON object with an action: recorded under this name and ignored.</summary>
    public static readonly WebhookChange Unreadable = new("(unreadable)", WebhookKind.Unknown, [], [], [], [], null);
    public const int MaxIds = 1000;

    private static readonly HashSet<string> ApplicationActions = [.. GreenhouseWebhookActions.ApplicationChanges];
    private static readonly HashSet<string> JobActions = [.. GreenhouseWebhookActions.JobRecordChanges];

    /// <summary>Null when the body is not a JSON object with a string action.</summary>
    public static WebhookChange? Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var actionElement) || actionElement.ValueKind != JsonValueKind.String)
                return null;
            var action = Clean(actionElement.GetString()!);
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            return Classify(action, payload);
        }
    }

    private static WebhookChange Classify(string action, JsonElement payload)
    {
        var none = Array.Empty<long>();
        WebhookChange Of(WebhookKind kind, IReadOnlyList<long>? candidates = null, IReadOnlyList<long>? removed = null, IReadOnlyList<long>? jobs = null,
            IReadOnlyList<long>? interviews = null, DateTimeOffset? at = null) =>
            new(action, kind, candidates ?? none, removed ?? none, jobs ?? none, interviews ?? none, at);

        if (action == "ping")
            return Of(WebhookKind.Ping);
        if (ApplicationActions.Contains(action))
            return Ids(Id(payload, "application", "candidate", "id")) is { Count: > 0 } ids
                ? Of(WebhookKind.Candidates, ids, at: Time(payload, "application", "last_activity_at"))
                : Of(WebhookKind.Unknown);
        if (JobActions.Contains(action))
            return Job(Id(payload, "job", "id"));
        return action switch
        {
            "update_candidate" => Candidates(Id(payload, "candidate", "id")),
            "candidate_anonymized" => Candidates(Id(payload, "candidate_id")),
            "delete_application" => Ids(Id(payload, "application", "candidate_id")) is { Count: > 0 } owner
                ? Of(WebhookKind.Candidates, owner, removed: Ids(Id(payload, "application", "id")))
                : Of(WebhookKind.Unknown),
            "delete_candidate" => Ids(Id(payload, "person", "id")) is { Count: > 0 } gone
                ? Of(WebhookKind.Candidates, gone, removed: IdArray(payload, "person", "deleted_application_ids"))
                : Of(WebhookKind.Unknown),
            "merge_candidate" => Candidates(Id(payload, "person", "id"), Id(payload, "person", "new_candidate_id")),
            "job_post_created" or "job_post_updated" => Job(Id(payload, "job_id"), Time(payload, "updated_at")),
            "job_post_deleted" => Job(Id(payload, "job_post", "job_id"), Time(payload, "job_post", "updated_at")),
            "job_interview_stage_deleted" => Job(Id(payload, "job_interview_stage", "job_id"), Time(payload, "job_interview_stage", "updated_at")),
            "interview_deleted" => Ids(Id(payload, "interview", "id")) is { Count: > 0 } interviews
                ? Of(WebhookKind.InterviewsDeleted, interviews: interviews)
                : Of(WebhookKind.Unknown),
            _ => Of(WebhookKind.Unknown),
        };

        WebhookChange Candidates(params long?[] ids) => Ids(ids) is { Count: > 0 } found ? Of(WebhookKind.Candidates, found) : Of(WebhookKind.Unknown);
        WebhookChange Job(long? id, DateTimeOffset? at = null) => Ids(id) is { Count: > 0 } found ? Of(WebhookKind.Jobs, jobs: found, at: at) : Of(WebhookKind.Unknown);
    }

    private static List<long> Ids(params long?[] ids) => ids.Where(i => i is > 0).Select(i => i!.Value).Distinct().ToList();

    private static JsonElement? At(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }

        return element;
    }

    private static long? Id(JsonElement payload, params string[] path) =>
        At(payload, path) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var id) ? id : null;

    private static List<long> IdArray(JsonElement payload, params string[] path) =>
        At(payload, path) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Take(MaxIds).Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var id) ? id : (long?)null)
                .Where(i => i is > 0).Select(i => i!.Value).Distinct().ToList()
            : [];

    private static DateTimeOffset? Time(JsonElement payload, params string[] path) =>
        At(payload, path) is { ValueKind: JsonValueKind.String } text && text.TryGetDateTimeOffset(out var at) ? at : null;

    /// <summary>Action names are stored and counted: keep them short and printable whatever a sender puts there.</summary>
    private static string Clean(string action)
    {
        var kept = new string(action.Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.').Take(MaxActionLength).ToArray());
        return kept.Length == 0 ? "(unnamed)" : kept;
    }
}
