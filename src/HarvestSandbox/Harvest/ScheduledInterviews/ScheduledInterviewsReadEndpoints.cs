using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class ScheduledInterviewsReadEndpoints
{
    public static void MapScheduledInterviewReads(this HarvestRoutes routes)
    {
        routes.V1.MapGroup("/applications")
            .MapHarvest(routes, HarvestPermissions.ScheduledInterviewsListForApplication, "/{id:long}/scheduled_interviews", ListForApplication);
        var interviews = routes.V1.MapGroup("/scheduled_interviews");
        interviews.MapHarvest(routes, HarvestPermissions.ScheduledInterviewsList, "", List);
        interviews.MapHarvest(routes, HarvestPermissions.ScheduledInterviewsRetrieve, "/{id:long}", Retrieve);
    }

    /// <summary>Harvest-created, scheduled or awaiting feedback, on an active application (docs/HARVEST-CONTRACT.md §7.6).</summary>
    public static bool IsActionable(OrgData data, ScheduledInterview s) =>
        s.CreatedViaHarvest && s.Status != InterviewStatus.Complete &&
        data.Applications.Find(s.ApplicationId)?.Status == ApplicationStatus.Active;

    /// <summary>GET /v1/applications/{id}/scheduled_interviews.</summary>
    private static IResult ListForApplication(HarvestCall call)
    {
        var id = call.RouteId();
        bool exists;
        lock (call.Data.Gate)
        {
            exists = call.Data.Applications.Find(id) is not null;
        }

        if (!exists)
        {
            return HarvestResults.NotFound();
        }

        var q = call.NewQuery();
        var filter = CommonFilter(call.Data, q, withTimes: false);
        return call.Page(q, data => data.Applications.Find(id)?.Interviews ?? (IReadOnlyList<ScheduledInterview>)[],
            filter, ScheduledInterviewProjection.ToDto, HarvestJson.ListScheduledInterviewDto);
    }

    /// <summary>GET /v1/scheduled_interviews: org-wide, with starts_*/ends_* filters too.</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var filter = CommonFilter(call.Data, q, withTimes: true);
        return call.Page(q, data => data.ScheduledInterviews.Items, filter, ScheduledInterviewProjection.ToDto,
            HarvestJson.ListScheduledInterviewDto);
    }

    /// <summary>GET /v1/scheduled_interviews/{id}.</summary>
    private static IResult Retrieve(HarvestCall call)
    {
        var id = call.RouteId();
        ScheduledInterviewDto? dto;
        lock (call.Data.Gate)
        {
            dto = call.Data.ScheduledInterviews.Find(id) is { } s ? ScheduledInterviewProjection.ToDto(call.Data, s) : null;
        }

        return dto is null ? HarvestResults.NotFound() : TypedResults.Json(dto, HarvestJson.ScheduledInterviewDto);
    }

    private static Func<ScheduledInterview, bool>? CommonFilter(OrgData data, ListQuery q, bool withTimes)
    {
        var created = q.Range("created");
        var updated = q.Range("updated");
        var starts = withTimes ? q.Range("starts") : default;
        var ends = withTimes ? q.Range("ends") : default;
        var externalEventId = q.Get("external_event_id");
        var actionable = q.Bool("actionable") == true;
        if (created.IsEmpty && updated.IsEmpty && starts.IsEmpty && ends.IsEmpty && externalEventId is null && !actionable)
        {
            return null;
        }

        return s => created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt) &&
                    (starts.IsEmpty || starts.Contains(s.Start.Instant)) &&
                    (ends.IsEmpty || ends.Contains(s.End.Instant)) &&
                    (externalEventId is null || string.Equals(s.ExternalEventId, externalEventId, StringComparison.Ordinal)) &&
                    (!actionable || IsActionable(data, s));
    }
}
