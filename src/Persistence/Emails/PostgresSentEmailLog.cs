using GemScheduling.Persistence.Database;
using Npgsql;

namespace GemScheduling.Persistence.Emails;

public sealed class PostgresSentEmailLog(NpgsqlDataSource dataSource, GroupCommitter committer) : ISentEmailLog
{
    private const string Columns = "org_id, email_id, schedule_id, application_id, candidate_id, kind, to_address, from_address, cc, subject, body, ics, transport, sent_at";

    private const string Insert = $"""
        INSERT INTO sent_emails ({Columns})
        VALUES (@org, @id, @schedule, @application, @candidate, @kind, @to, @from, @cc, @subject, @body, @ics, @transport, @sent)
        ON CONFLICT (org_id, email_id) DO NOTHING
        """;

    /// <summary>Shares a commit with other writes (see <see cref="GroupCommitter"/>): a send is logged once per id.</summary>
    public async Task<bool> RecordAsync(SentEmail e, CancellationToken cancellationToken = default) =>
        await committer.ExecuteAsync(new BatchedWrite($"sent_emails {e.OrgId} {e.EmailId}", Insert, parameters =>
        {
            parameters.AddWithValue("org", e.OrgId);
            parameters.AddWithValue("id", e.EmailId);
            parameters.AddWithValue("schedule", e.ScheduleId);
            parameters.AddWithValue("application", e.ApplicationId);
            parameters.AddWithValue("candidate", e.CandidateId);
            parameters.AddWithValue("kind", e.Kind);
            parameters.AddWithValue("to", e.To);
            parameters.AddWithValue("from", e.From);
            parameters.AddWithValue("cc", e.Cc.ToArray());
            parameters.AddWithValue("subject", e.Subject);
            parameters.AddWithValue("body", e.Body);
            parameters.Add(new NpgsqlParameter("ics", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)e.Ics ?? DBNull.Value });
            parameters.AddWithValue("transport", e.Transport);
            parameters.AddWithValue("sent", e.SentAt);
        }), cancellationToken) == 1;

    public async Task<SentEmail?> GetAsync(string orgId, string emailId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM sent_emails WHERE org_id = @org AND email_id = @id");
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.AddWithValue("id", emailId);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<SentEmail>> ListAsync(string orgId, long? applicationId, int limit, (DateTimeOffset SentAt, string EmailId)? after,
        EmailAudience audience = EmailAudience.Candidate, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM sent_emails
            WHERE org_id = @org AND (@application::bigint IS NULL OR application_id = @application)
              AND (sent_at, email_id) > (@afterAt, @afterId)
              AND (@audience = 2 OR (kind = ANY(@interviewerKinds)) = (@audience = 1))
            ORDER BY sent_at, email_id LIMIT @limit
            """);
        command.Parameters.AddWithValue("org", orgId);
        command.Parameters.Add(new NpgsqlParameter("application", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)applicationId ?? DBNull.Value });
        command.Parameters.AddWithValue("afterAt", after?.SentAt ?? DateTimeOffset.MinValue.ToUniversalTime());
        command.Parameters.AddWithValue("afterId", after?.EmailId ?? "");
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("audience", (int)audience);
        command.Parameters.AddWithValue("interviewerKinds", SentEmailKinds.Interviewer);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<SentEmail>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var emails = new List<SentEmail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            emails.Add(new SentEmail(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<string[]>(8), reader.GetString(9),
                reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetString(12), reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return emails;
    }
}
