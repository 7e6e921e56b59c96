using System.Text.Json;
using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/notes item and POST /v3/notes response: one activity-feed entry per row (docs/HARVEST-CONTRACT.md §11). <c>type</c> is
/// NOTE, EMAIL or ACTIVITY in the sandbox; <c>visibility</c> reads <c>publicly_visible|privately_visible|admin_only_visible</c>.
/// <c>subject</c> is set for EMAIL and ACTIVITY rows, the <c>email_*</c> fields for EMAIL rows only. Notes are never edited:
/// <c>updated_at</c> is <c>created_at</c>.
/// </summary>
public sealed record V3NoteDto(
    long Id,
    long CandidateId,
    long? ApplicationId,
    long? UserId,
    string Type,
    string? Subject,
    string Body,
    string Visibility,
    string? EmailFrom,
    string? EmailTo,
    IReadOnlyList<string>? EmailCc,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A note, a logged email or an activity (they share one id space, so they merge by id).</summary>
internal sealed record NoteRow(
    long Id, long CandidateId, long? ApplicationId, long? UserId, DateTimeOffset CreatedAt, string Type, NoteVisibility Visibility, object Item) : IEntity
{
    public static NoteRow Of(FeedNote n) => new(n.Id, n.CandidateId, n.ApplicationId, n.UserId, n.CreatedAt, V3Notes.Note, n.Visibility, n);

    public static NoteRow Of(FeedEmail e) => new(e.Id, e.CandidateId, e.ApplicationId, e.UserId, e.CreatedAt, V3Notes.Email, e.Visibility, e);

    public static NoteRow Of(FeedActivity a) => new(a.Id, a.CandidateId, null, a.UserId, a.CreatedAt, V3Notes.Activity, NoteVisibility.Public, a);
}

internal static class V3Notes
{
    public const string Note = "NOTE";
    public const string Email = "EMAIL";
    public const string Activity = "ACTIVITY";

    /// <summary>The v3 note types (docs/HARVEST-CONTRACT.md §11); the sandbox has rows of the first, second and fourth only.</summary>
    private static readonly string[] Types =
    [
        "NOTE", "ACTIVITY", "INTERVIEW", "EMAIL", "FOLLOW_UP", "TAKE_HOME_TEST", "LINKEDIN_NOTE", "LINKEDIN_INMAIL",
        "AVAILABILITY_REQUEST", "MIGRATION_ERROR", "TOUCHPOINT", "FORM", "FEEDBACK",
    ];

    private static readonly string[] Visibilities = ["publicly_visible", "privately_visible", "admin_only_visible"];

    public static void MapV3Notes(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.NotesList, List, "candidate_ids", "user_ids", "application_ids", "type", "visibility");
        routes.MapV3(HarvestV3Scopes.NotesCreate, "/notes", Create);
    }

    /// <summary>v3 reads visibility as <c>publicly_visible|privately_visible|admin_only_visible</c> (docs/HARVEST-CONTRACT.md §11, S9).</summary>
    public static string ReadVisibility(NoteVisibility v) => v switch
    {
        NoteVisibility.AdminOnly => "admin_only_visible",
        NoteVisibility.Private => "privately_visible",
        _ => "publicly_visible",
    };

    public static V3NoteDto ToDto(NoteRow row) => row.Item switch
    {
        FeedNote n => new V3NoteDto(n.Id, n.CandidateId, n.ApplicationId, n.UserId, Note, null, n.Body, ReadVisibility(n.Visibility),
            null, null, null, n.CreatedAt, n.CreatedAt),
        FeedEmail e => new V3NoteDto(e.Id, e.CandidateId, e.ApplicationId, e.UserId, Email, e.Subject, e.Body, ReadVisibility(e.Visibility),
            e.From, e.To, e.Cc.ToArray(), e.CreatedAt, e.CreatedAt),
        FeedActivity a => new V3NoteDto(a.Id, a.CandidateId, null, a.UserId, Activity, a.Subject, a.Body,
            ReadVisibility(NoteVisibility.Public), null, null, null, a.CreatedAt, a.CreatedAt),
        _ => throw new InvalidOperationException("Unknown note row."),
    };

    /// <summary>
    /// GET /v3/notes: <c>candidate_ids</c>, <c>ids</c>, <c>user_ids</c>, <c>application_ids</c>, <c>type</c> and
    /// <c>visibility</c> (one or a comma-separated list each), <c>created_at</c>/<c>updated_at</c> (not both; notes are
    /// never edited, so they are the same instant). Availability submissions are ACTIVITY rows with the v1 subject and
    /// body format.
    /// </summary>
    private static IResult List(V3Call call)
    {
        var q = call.Query;
        var candidateIds = q.Ids("candidate_ids");
        var ids = q.Ids("ids");
        var userIds = q.Ids("user_ids");
        var applicationIds = q.Ids("application_ids");
        var visibilities = q.AnyOf("visibility", Visibilities);
        var (created, updated) = q.Timestamps();
        HashSet<string>? types = null;
        if (q.List("type") is { } typeList)
        {
            types = typeList.Select(t => t.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            if (types.Any(t => !Types.Contains(t)))
            {
                q.Errors.Add(new FieldError($"type must be one of: {string.Join(", ", Types)}", "type"));
            }
        }

        return call.Page(
            (data, before) => candidateIds is not null
                ? Descending.Sorted(candidateIds.Select(data.Candidates.Find).OfType<Candidate>().SelectMany(Rows), before)
                : Descending.Merge(
                    Descending.From(data.Notes.Items, before).Select(NoteRow.Of),
                    Descending.From(data.Emails.Items, before).Select(NoteRow.Of),
                    Descending.From(data.Activities.Items, before).Select(NoteRow.Of)),
            row => (ids is null || ids.Contains(row.Id)) && (types is null || types.Contains(row.Type)) &&
                   (userIds is null || (row.UserId is { } u && userIds.Contains(u))) &&
                   (applicationIds is null || (row.ApplicationId is { } a && applicationIds.Contains(a))) &&
                   (visibilities is null || visibilities.Contains(ReadVisibility(row.Visibility))) &&
                   created.Contains(row.CreatedAt) && updated.Contains(row.CreatedAt),
            (_, row) => ToDto(row),
            HarvestV3Json.ListV3NoteDto);

        static IEnumerable<NoteRow> Rows(Candidate c) =>
            c.Notes.Select(NoteRow.Of).Concat(c.Emails.Select(NoteRow.Of)).Concat(c.Activities.Select(NoteRow.Of));
    }

    /// <summary>
    /// POST /v3/notes: candidate_id, body, visibility (public|private|admin_only), note_type (NOTE|EMAIL) and user_id
    /// (the author) are required; application_id is optional and must be one of the candidate's. EMAIL also needs
    /// subject, email_from and email_to; email_cc is optional (array of strings, or one comma-separated string).
    /// Logs an email; sends nothing. Notes cannot be edited or deleted. Answers 201 with the row as GET shows it.
    /// </summary>
    private static IResult Create(V3Call call)
    {
        var data = call.Data;
        var r = new BodyReader(call.Body);
        var candidateId = r.Id("candidate_id", required: true);
        var applicationId = r.Id("application_id", required: false);
        var userId = r.Id("user_id", required: true);
        var body = r.String("body", required: true);
        var visibilityText = r.String("visibility", required: true);
        var visibility = NoteVisibility.Public;
        if (visibilityText is not null && !HarvestEnums.TryParseVisibility(visibilityText, out visibility))
        {
            r.Fail("visibility", "Must be one of: public, private, admin_only");
        }

        var noteType = r.String("note_type", required: true)?.ToUpperInvariant();
        if (noteType is not null && noteType is not (Note or Email))
        {
            r.Fail("note_type", "Must be one of: NOTE, EMAIL");
            noteType = null;
        }

        string? subject = null, from = null, to = null;
        List<string> cc = [];
        if (noteType == Email)
        {
            subject = r.String("subject", required: true);
            from = r.String("email_from", required: true);
            to = r.String("email_to", required: true);
            cc = ReadCc(r);
        }

        V3NoteDto dto;
        lock (data.Gate)
        {
            var candidate = candidateId is { } cid ? data.Candidates.Find(cid) : null;
            if (candidateId is not null && candidate is null)
            {
                r.Fail("candidate_id", $"Candidate {candidateId} not found");
            }

            if (applicationId is { } aid && candidate is not null && !candidate.Applications.Exists(a => a.Id == aid))
            {
                r.Fail("application_id", $"Application {aid} is not an application of candidate {candidate.Id}");
            }

            if (userId is { } uid && data.Users.Find(uid) is null)
            {
                r.Fail("user_id", $"User {uid} not found");
            }

            if (r.Errors.Count > 0 || candidate is null || noteType is null)
            {
                return V3Results.Validation(r.Errors);
            }

            NoteRow row;
            if (noteType == Note)
            {
                var note = new FeedNote
                {
                    Id = data.Ids.FeedItems.Next(),
                    CandidateId = candidate.Id,
                    ApplicationId = applicationId,
                    CreatedAt = call.Now,
                    Body = body!,
                    UserId = userId,
                    Visibility = visibility,
                    OnBehalfOfUserId = call.Sub,
                };
                data.AddNote(note);
                row = NoteRow.Of(note);
            }
            else
            {
                var email = new FeedEmail
                {
                    Id = data.Ids.FeedItems.Next(),
                    CandidateId = candidate.Id,
                    ApplicationId = applicationId,
                    CreatedAt = call.Now,
                    Subject = subject!,
                    Body = body!,
                    To = to!,
                    From = from!,
                    Cc = cc,
                    UserId = userId,
                    Visibility = visibility,
                    OnBehalfOfUserId = call.Sub,
                };
                data.AddEmail(email);
                row = NoteRow.Of(email);
            }

            candidate.LastActivity = call.Now;
            dto = ToDto(row);
        }

        return TypedResults.Json(dto, HarvestV3Json.V3NoteDto, statusCode: StatusCodes.Status201Created);
    }

    private static List<string> ReadCc(BodyReader r)
    {
        if (!r.Has("email_cc"))
        {
            return [];
        }

        var (present, text) = r.OptionalString("email_cc");
        if (present || text is not null)
        {
            return text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
        }

        // Not a string (OptionalString recorded an error): an array of strings is the other accepted form.
        r.Errors.RemoveAll(e => e.Field == "email_cc");
        return r.StringArray("email_cc");
    }
}
