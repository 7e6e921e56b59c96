using System.Text;
using GemScheduling.Api.Auth;
using GemScheduling.Api.RateLimits;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GemScheduling.Api.Schedules;

public sealed record ScheduleSummary(
    string Id, long ApplicationId, long CandidateId, string Status, string WriteBack, int PendingWrites, int FailedWrites,
    int DriftCount, DateTimeOffset? FirstInterviewAt, DateTimeOffset? LastInterviewAt, DateTimeOffset UpdatedAt);

internal static class SchedulesApi
{
    private static readonly string[] ListStatuses = ["active", "cancelled", "failed", "stuck", "pending", "attention"];

    public static IEndpointRouteBuilder MapSchedules(this IEndpointRouteBuilder routes)
    {
        var schedules = routes.MapOrgGroup("/schedules", "Schedules");
        schedules.MapPost("", Create).Repeatable(RepeatWhen.WithIdempotencyKey)
            .WithSummary("Schedule interviews for an application; Greenhouse writes follow asynchronously (see each interview's writeBack). Accepts Idempotency-Key.");
        schedules.MapGet("", List).WithSummary("The org's schedules; status=failed|stuck|pending|attention finds write-backs that need a look.");
        schedules.MapGet("/{scheduleId}", Get).WithSummary("A schedule with per-interview write-back status; returns an ETag.");
        schedules.MapPatch("/{scheduleId}", Update).Repeatable(RepeatWhen.WithIfMatchVersion).WithSummary("Move, re-staff, re-locate, add or remove interviews; If-Match guards against lost updates.");
        schedules.MapPost("/{scheduleId}/cancel", Cancel).Repeatable(RepeatWhen.WithIfMatchVersion).WithSummary("Cancel the schedule: Greenhouse interviews are deleted, a note and an email follow.");
        schedules.MapGet("/{scheduleId}/history", History).WithSummary("Every event of the schedule in order: what, who, when.");
        schedules.MapPost("/{scheduleId}/reconcile", Reconcile).Expensive().Repeatable(RepeatWhen.Always).WithSummary("Compare with Greenhouse now; differences appear as drift.");
        schedules.MapPost("/{scheduleId}/retry", Retry).Repeatable(RepeatWhen.Always)
            .WithSummary("Try every write of the schedule that failed for good again (after an outage, or once a permission is granted); none is written twice.");
        return routes;
    }

    private static async Task<Results<Created<ScheduleView>, Ok<ScheduleView>>> Create(
        string orgId, CreateScheduleBody? body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, HttpContext http)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
            throw new ValidationFailedException("Idempotency-Key", "Must be 1 to 200 characters.");
        var command = ScheduleRequests.ToCommand(body, http.User.Actor(), idempotencyKey);
        var (view, replay) = await CreateAsync(grains, orgId, command);
        http.Response.Headers.ETag = ETags.For(view.Version);
        if (replay)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(view);
        }

        return TypedResults.Created($"/api/v1/orgs/{orgId}/schedules/{view.Id}", view);
    }

    /// <summary>
    /// Creates the schedule under a fresh id, or under the id its idempotency key already claimed (then it is a replay):
    /// the one create path behind <c>POST /schedules</c> and the console's "Schedule this option".
    /// </summary>
    internal static async Task<(ScheduleView View, bool Replayed)> CreateAsync(IGrainFactory grains, string orgId, CreateSchedule command)
    {
        var scheduleId = "sch_" + ApiTokens.RandomId(16);
        if (command.IdempotencyKey is { } key)
            scheduleId = await grains.Grain<IIdempotencyGrain>(IIdempotencyGrain.Key(orgId, key)).Claim(command, scheduleId);

        var schedule = grains.Grain<IScheduleGrain>(IScheduleGrain.Key(orgId, scheduleId));
        var replayed = command.IdempotencyKey is not null && await schedule.Get() is not null;
        return (await schedule.Create(command), replayed);
    }

    private static async Task<Ok<ListResponse<ScheduleSummary>>> List(
        string orgId, long? applicationId, string? status, int? limit, string? cursor, IScheduleIndex index, TimeProvider time, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > 500)
            errors["limit"] = ["Must be between 1 and 500."];
        if (status is not null && !ListStatuses.Contains(status))
            errors["status"] = [$"Must be one of: {string.Join(", ", ListStatuses)}."];
        string? after = null;
        if (cursor is not null && !TryDecode(cursor, out after))
            errors["cursor"] = ["Not a cursor this API returned."];
        Paging.ThrowIfAny(errors);

        var take = limit ?? 50;
        var entries = await index.ListAsync(orgId, new ScheduleIndexQuery(applicationId, status, take + 1, after, time.GetUtcNow()));
        var items = entries.Take(take).Select(e => new ScheduleSummary(e.ScheduleId, e.ApplicationId, e.CandidateId, e.Status, e.WriteBack,
            e.PendingWrites, e.FailedWrites, e.DriftCount, e.FirstInterviewAt, e.LastInterviewAt, e.UpdatedAt)).ToList();
        string? next = null;
        if (entries.Count > take)
        {
            var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value).Where(q => q.Key != "cursor")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("cursor", WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(items[^1].Id))));
            next = QueryHelpers.AddQueryString(Paging.SelfUrl(http), query);
            http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }

        return TypedResults.Ok(new ListResponse<ScheduleSummary>(items, next));
    }

    private static async Task<Results<Ok<ScheduleView>, ProblemHttpResult>> Get(string orgId, string scheduleId, IGrainFactory grains, HttpContext http)
    {
        if (await Schedule(grains, orgId, scheduleId).Get() is not { } view)
            return Problems.NotFound("schedule", scheduleId);
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<ScheduleView>> Update(string orgId, string scheduleId, UpdateScheduleBody? body, IGrainFactory grains, HttpContext http)
    {
        var command = ScheduleRequests.ToCommand(body, http.User.Actor(), ETags.Expected(http.Request));
        var view = await Schedule(grains, orgId, scheduleId).Update(command);
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<ScheduleView>> Cancel(string orgId, string scheduleId, CancelScheduleBody? body, IGrainFactory grains, HttpContext http)
    {
        var view = await Schedule(grains, orgId, scheduleId).Cancel(body?.Reason ?? "", http.User.Actor(), ETags.Expected(http.Request));
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> History(string orgId, string scheduleId, IGrainFactory grains) =>
        TypedResults.Ok(await Schedule(grains, orgId, scheduleId).History());

    private static async Task<Ok<ScheduleView>> Reconcile(string orgId, string scheduleId, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Schedule(grains, orgId, scheduleId).Reconcile(http.User.Actor()));

    private static async Task<Ok<ScheduleView>> Retry(string orgId, string scheduleId, IGrainFactory grains, HttpContext http)
    {
        var view = await Schedule(grains, orgId, scheduleId).RetryFailedWrites(http.User.Actor());
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>The schedule grain for an id this API could have issued; anything else is 404 before any grain is touched.</summary>
    internal static IScheduleGrain Schedule(IGrainFactory grains, string orgId, string scheduleId)
    {
        if (!scheduleId.StartsWith("sch_", StringComparison.Ordinal) || scheduleId.Length > 40 || scheduleId.Contains('/'))
            throw new ResourceNotFoundException($"No schedule '{scheduleId}' exists here.");
        return grains.Grain<IScheduleGrain>(IScheduleGrain.Key(orgId, scheduleId));
    }

    private static bool TryDecode(string cursor, out string? value)
    {
        try
        {
            value = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return value.StartsWith("sch_", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }
}
