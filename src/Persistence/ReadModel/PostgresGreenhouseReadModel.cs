using System.Text;
using System.Text.Json;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace GemScheduling.Persistence.ReadModel;

/// <summary>The read model in PostgreSQL: one statement per page of records (jsonb_array_elements), keyset paging.</summary>
public sealed class PostgresGreenhouseReadModel(NpgsqlDataSource dataSource) : IGreenhouseReadModel
{
    /// <summary>A statement over a whole org's table grows with the org, past the service's 10 s default for a command.</summary>
    private const int WholeOrgTimeoutSeconds = 120;

    private static readonly JsonSerializerOptions Json = EventTypeRegistry.JsonOptions;

    private const string UpsertApplications = """
        WITH incoming AS (
            SELECT (r->>'id')::bigint AS id, r AS data, (r->>'candidateId')::bigint AS candidate_id, (r->>'jobId')::bigint AS job_id,
                   r->>'status' AS status, (r->>'currentStageId')::bigint AS stage_id
            FROM jsonb_array_elements(@rows) AS r),
        before AS (
            SELECT a.id, a.job_id, a.status, a.stage_id
            FROM gh_applications a JOIN incoming i ON a.org_id = @org AND a.id = i.id),
        upserted AS (
            INSERT INTO gh_applications (org_id, id, data, synced_at, removed_at, candidate_id, job_id, status, stage_id)
            SELECT @org, id, data, @synced, NULL, candidate_id, job_id, status, stage_id FROM incoming
            ON CONFLICT (org_id, id) DO UPDATE
                SET data = EXCLUDED.data, synced_at = EXCLUDED.synced_at, removed_at = NULL, candidate_id = EXCLUDED.candidate_id,
                    job_id = EXCLUDED.job_id, status = EXCLUDED.status, stage_id = EXCLUDED.stage_id
            RETURNING id, data, job_id, status, stage_id)
        SELECT u.data::text FROM upserted u JOIN before b ON b.id = u.id
        WHERE (b.job_id IS DISTINCT FROM u.job_id OR b.status IS DISTINCT FROM u.status OR b.stage_id IS DISTINCT FROM u.stage_id)
          AND EXISTS (SELECT 1 FROM gh_tracked_applications t WHERE t.org_id = @org AND t.application_id = u.id)
        """;

    public async Task UpsertAsync<T>(string orgId, IReadOnlyList<T> records, DateTimeOffset syncedAt, CancellationToken cancellationToken = default) where T : class
    {
        if (records.Count == 0)
            return;
        var table = ReadModelTable.ByKind[ResourceKinds.Of<T>()];
        await using var command = dataSource.CreateCommand(table.UpsertSql());
        AddRows(command, orgId, records, syncedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Application>> UpsertApplicationsAsync(string orgId, IReadOnlyList<Application> records, DateTimeOffset syncedAt, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
            return [];
        await using var command = dataSource.CreateCommand(UpsertApplications);
        AddRows(command, orgId, records, syncedAt);
        return await ReadAllAsync<Application>(command, cancellationToken);
    }

    public async Task<int> MarkUnseenRemovedAsync(string orgId, ResourceKind kind, DateTimeOffset passStartedAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {ReadModelTable.ByKind[kind].Name} SET removed_at = @now WHERE org_id = @org AND synced_at < @started AND removed_at IS NULL");
        command.CommandTimeout = WholeOrgTimeoutSeconds;
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("started", passStartedAt);
        command.Parameters.AddWithValue("now", passStartedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> MarkRemovedAsync(string orgId, ResourceKind kind, IReadOnlyCollection<long> ids, DateTimeOffset removedAt, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
            return 0;
        await using var command = dataSource.CreateCommand(
            $"UPDATE {ReadModelTable.ByKind[kind].Name} SET removed_at = @now WHERE org_id = @org AND id = ANY(@ids) AND removed_at IS NULL");
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("ids", ids.Distinct().ToArray());
        command.Parameters.AddWithValue("now", removedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task TrackApplicationAsync(string orgId, long applicationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO gh_tracked_applications (org_id, application_id) VALUES (@org, @id) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("id", applicationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T?> GetAsync<T>(string orgId, long id, CancellationToken cancellationToken = default) where T : class =>
        (await GetManyAsync<T>(orgId, [id], cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<T>> GetManyAsync<T>(string orgId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) where T : class
    {
        if (ids.Count == 0)
            return [];
        await using var command = dataSource.CreateCommand(
            $"SELECT data::text FROM {ReadModelTable.ByKind[ResourceKinds.Of<T>()].Name} WHERE org_id = @org AND id = ANY(@ids) AND removed_at IS NULL ORDER BY id");
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("ids", ids.Distinct().ToArray());
        return await ReadAllAsync<T>(command, cancellationToken);
    }

    public async Task<ApplicationRecords?> GetApplicationRecordsAsync(string orgId, long applicationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.data::text,
                (SELECT c.data::text FROM gh_candidates c WHERE c.org_id = a.org_id AND c.id = a.candidate_id AND c.removed_at IS NULL),
                j.data::text,
                ARRAY(SELECT data::text FROM gh_job_stages WHERE org_id = a.org_id AND job_id = j.id AND removed_at IS NULL ORDER BY id LIMIT 500),
                ARRAY(SELECT data::text FROM gh_job_posts WHERE org_id = a.org_id AND job_id = j.id AND removed_at IS NULL ORDER BY id LIMIT 50),
                ARRAY(SELECT u.data::text FROM gh_users u WHERE u.org_id = a.org_id AND u.id = ANY(@users) AND u.removed_at IS NULL ORDER BY u.id)
            FROM gh_applications a
            LEFT JOIN gh_jobs j ON j.org_id = a.org_id AND j.id = a.job_id AND j.removed_at IS NULL
            WHERE a.org_id = @org AND a.id = @id AND a.removed_at IS NULL
            """);
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("id", applicationId);
        command.Parameters.AddWithValue("users", userIds.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        T? Record<T>(int column) where T : class => reader.IsDBNull(column) ? null : JsonSerializer.Deserialize<T>(reader.GetString(column), Json);
        // Arrays of each record's text: cheaper for PostgreSQL than building one JSON array with jsonb_agg.
        List<T> Records<T>(int column) where T : class =>
            reader.GetFieldValue<string[]>(column).Select(json => JsonSerializer.Deserialize<T>(json, Json)!).ToList();
        var job = Record<Job>(2);
        return new ApplicationRecords(Record<Application>(0)!, Record<Candidate>(1), job,
            job is null ? [] : Records<JobStage>(3), job is null ? [] : Records<JobPost>(4), Records<GreenhouseUser>(5));
    }

    public async Task<Page<T>> ListAsync<T>(string orgId, ReadQuery query, CancellationToken cancellationToken = default) where T : class
    {
        var kind = ResourceKinds.Of<T>();
        var sql = new StringBuilder($"SELECT data::text FROM {ReadModelTable.ByKind[kind].Name} WHERE org_id = @org AND removed_at IS NULL AND id > @after");
        await using var command = dataSource.CreateCommand();
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("after", query.AfterId ?? long.MinValue);
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        void Filter(string condition, string name, object? value)
        {
            if (value is null)
                return;
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        switch (kind)
        {
            case ResourceKind.Jobs:
                Filter("status = @status", "status", query.Status);
                Filter("@office = ANY(office_ids)", "office", query.OfficeId);
                Filter("@department = ANY(department_ids)", "department", query.DepartmentId);
                break;
            case ResourceKind.JobPosts:
                Filter("job_id = @job", "job", query.JobId);
                Filter("live = @live", "live", query.Live);
                break;
            case ResourceKind.JobStages:
                Filter("job_id = @job", "job", query.JobId);
                break;
            case ResourceKind.Users:
            case ResourceKind.Candidates:
                Filter("@email = ANY(email_search)", "email", query.Email?.ToLowerInvariant());
                Filter("name_search LIKE @name ESCAPE '\\'", "name", query.Name is null ? null : "%" + EscapeLike(query.Name.ToLowerInvariant()) + "%");
                if (kind == ResourceKind.Users && !query.IncludeDisabled)
                    sql.Append(" AND NOT disabled");
                break;
            case ResourceKind.Applications:
                Filter("job_id = @job", "job", query.JobId);
                Filter("status = @status", "status", query.Status);
                Filter("stage_id = @stage", "stage", query.StageId);
                Filter("candidate_id = @candidate", "candidate", query.CandidateId);
                break;
        }

        command.CommandText = sql.Append(" ORDER BY id LIMIT @limit").ToString();
        var items = (await ReadAllAsync<T>(command, cancellationToken)).ToList();
        var more = items.Count > query.Limit;
        if (more)
            items.RemoveAt(items.Count - 1);
        return new Page<T>(items, more ? Id(items[^1]) : null);
    }

    public async Task<long> CountAsync(string orgId, ResourceKind kind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {ReadModelTable.ByKind[kind].Name} WHERE org_id = @org AND removed_at IS NULL");
        command.Parameters.AddWithValue("org", orgId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddRows<T>(NpgsqlCommand command, string orgId, IReadOnlyList<T> records, DateTimeOffset syncedAt)
    {
        // One row per id: a page can repeat a record that moved while paging, and ON CONFLICT may touch a row once.
        var distinct = records.GroupBy(Id).Select(g => g.Last()).ToList();
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("synced", syncedAt);
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(distinct, Json) });
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            items.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
        return items;
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static long Id<T>(T record) => record switch
    {
        Office o => o.Id,
        GreenhouseUser u => u.Id,
        Job j => j.Id,
        JobPost p => p.Id,
        JobStage s => s.Id,
        Candidate c => c.Id,
        Application a => a.Id,
        _ => throw new ArgumentException($"{typeof(T)} is not a synced Greenhouse resource."),
    };
}
