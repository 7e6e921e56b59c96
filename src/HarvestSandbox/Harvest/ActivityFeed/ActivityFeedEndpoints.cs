using System.Text.Json;
using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class ActivityFeedEndpoints
{
    public static void MapActivityFeed(this HarvestRoutes routes)
    {
        var feed = routes.V1.MapGroup("/candidates/{id:long}/activity_feed");
        feed.MapHarvest(routes, HarvestPermissions.ActivityFeedRetrieve, "", Retrieve);
        feed.MapHarvest(routes, HarvestPermissions.CandidatesAddNote, "/notes", AddNote);
        feed.MapHarvest(routes, HarvestPermissions.CandidatesAddEmail, "/emails", AddEmail);
    }

    /// <summary>GET /v1/candidates/{id}/activity_feed: one object, not paginated (docs/HARVEST-CONTRACT.md §7.7).</summary>
    private static IResult Retrieve(HarvestCall call)
    {
        var id = call.RouteId();
        ActivityFeedDto? feed;
        lock (call.Data.Gate)
        {
            feed = call.Data.Candidates.Find(id) is { } candidate ? ActivityFeedProjection.Feed(call.Data, candidate) : null;
        }

        return feed is null ? HarvestResults.NotFound() : TypedResults.Json(feed, HarvestJson.ActivityFeedDto);
    }

    /// <summary>
    /// POST .../notes. All of user_id, body and visibility are required. Answers 200, as the 2016 recording did
    /// (docs/HARVEST-CONTRACT.md §5: success codes are undocumented).
    /// </summary>
    private static IResult AddNote(HarvestCall call)
    {
        var candidateId = call.RouteId();
        var data = call.Data;
        NoteDto dto;
        lock (data.Gate)
        {
            if (data.Candidates.Find(candidateId) is not { } candidate)
            {
                return HarvestResults.NotFound();
            }

            var r = new BodyReader(call.Body);
            var userId = r.Id("user_id", required: true);
            var body = r.String("body", required: true);
            var visibilityText = r.String("visibility", required: true);
            var visibility = NoteVisibility.Public;
            if (visibilityText is not null && !HarvestEnums.TryParseVisibility(visibilityText, out visibility))
            {
                r.Fail("visibility", "Must be one of: admin_only, private, public");
            }

            RequireUser(r, data, userId);
            if (r.Errors.Count > 0)
            {
                return HarvestResults.Validation(r.Errors);
            }

            var note = new FeedNote
            {
                Id = data.Ids.FeedItems.Next(),
                CandidateId = candidate.Id,
                CreatedAt = call.Now,
                Body = body!,
                UserId = userId,
                Visibility = visibility,
                OnBehalfOfUserId = call.OnBehalfOfUserId,
            };
            data.AddNote(note);
            candidate.LastActivity = call.Now;
            dto = ActivityFeedProjection.Note(data, note);
        }

        return TypedResults.Json(dto, HarvestJson.NoteDto);
    }

    /// <summary>POST .../emails: logs an email on the feed (sends nothing). cc is an optional array of strings.</summary>
    private static IResult AddEmail(HarvestCall call)
    {
        var candidateId = call.RouteId();
        var data = call.Data;
        EmailDto dto;
        lock (data.Gate)
        {
            if (data.Candidates.Find(candidateId) is not { } candidate)
            {
                return HarvestResults.NotFound();
            }

            var r = new BodyReader(call.Body);
            var userId = r.Id("user_id", required: true);
            var to = r.String("to", required: true);
            var from = r.String("from", required: true);
            var subject = r.String("subject", required: true);
            var body = r.String("body", required: true);
            var cc = r.StringArray("cc");
            RequireUser(r, data, userId);
            if (r.Errors.Count > 0)
            {
                return HarvestResults.Validation(r.Errors);
            }

            var email = new FeedEmail
            {
                Id = data.Ids.FeedItems.Next(),
                CandidateId = candidate.Id,
                CreatedAt = call.Now,
                Subject = subject!,
                Body = body!,
                To = to!,
                From = from!,
                Cc = cc,
                UserId = userId,
                OnBehalfOfUserId = call.OnBehalfOfUserId,
            };
            data.AddEmail(email);
            candidate.LastActivity = call.Now;
            dto = ActivityFeedProjection.Email(data, email);
        }

        return TypedResults.Json(dto, HarvestJson.EmailDto);
    }

    private static void RequireUser(BodyReader r, OrgData data, long? userId)
    {
        if (userId is { } id && data.Users.Find(id) is null)
        {
            r.Fail("user_id", $"User {id} not found");
        }
    }
}
