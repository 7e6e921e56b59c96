using GemScheduling.Greenhouse;

namespace GemScheduling.Persistence.ReadModel;

/// <summary>How each resource kind is stored in PostgreSQL: its table and the filter columns taken from its JSON.</summary>
internal sealed record ReadModelTable(string Name, IReadOnlyList<(string Column, string Expression)> Columns)
{
    private const string Emails = "ARRAY(SELECT lower(e) FROM jsonb_array_elements_text(r->'emails') e)";

    public static readonly IReadOnlyDictionary<ResourceKind, ReadModelTable> ByKind = new Dictionary<ResourceKind, ReadModelTable>
    {
        [ResourceKind.Offices] = new("gh_offices", []),
        [ResourceKind.Users] = new("gh_users",
        [
            ("name_search", "lower(coalesce(r->>'name', ''))"),
            ("email_search", $"ARRAY(SELECT DISTINCT x FROM unnest({Emails} || lower(r->>'primaryEmail')) x WHERE x IS NOT NULL)"),
            ("disabled", "(r->>'disabled')::boolean"),
        ]),
        [ResourceKind.Jobs] = new("gh_jobs",
        [
            ("status", "r->>'status'"),
            ("office_ids", "ARRAY(SELECT (o->>'id')::bigint FROM jsonb_array_elements(r->'offices') o)"),
            ("department_ids", "ARRAY(SELECT (d->>'id')::bigint FROM jsonb_array_elements(r->'departments') d)"),
        ]),
        [ResourceKind.JobPosts] = new("gh_job_posts", [("job_id", "(r->>'jobId')::bigint"), ("live", "(r->>'live')::boolean")]),
        [ResourceKind.JobStages] = new("gh_job_stages", [("job_id", "(r->>'jobId')::bigint")]),
        [ResourceKind.Candidates] = new("gh_candidates",
        [
            ("name_search", "lower(trim(coalesce(r->>'firstName', '') || ' ' || coalesce(r->>'lastName', '')))"),
            ("email_search", Emails),
        ]),
        [ResourceKind.Applications] = new("gh_applications",
        [
            ("candidate_id", "(r->>'candidateId')::bigint"),
            ("job_id", "(r->>'jobId')::bigint"),
            ("status", "r->>'status'"),
            ("stage_id", "(r->>'currentStageId')::bigint"),
        ]),
    };

    public string UpsertSql()
    {
        var columns = string.Concat(Columns.Select(c => ", " + c.Column));
        var values = string.Concat(Columns.Select(c => ", " + c.Expression));
        var updates = string.Concat(Columns.Select(c => $", {c.Column} = EXCLUDED.{c.Column}"));
        return $"""
            INSERT INTO {Name} (org_id, id, data, synced_at, removed_at{columns})
            SELECT @org, (r->>'id')::bigint, r, @synced, NULL{values}
            FROM jsonb_array_elements(@rows) AS r
            ON CONFLICT (org_id, id) DO UPDATE
                SET data = EXCLUDED.data, synced_at = EXCLUDED.synced_at, removed_at = NULL{updates}
            """;
    }
}
