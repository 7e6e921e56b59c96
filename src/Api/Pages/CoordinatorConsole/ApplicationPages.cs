using System.Text.Json;
using GemScheduling.Api.Applications;
using GemScheduling.Api.Auth;
using GemScheduling.Api.RateLimits;
using GemScheduling.Api.Schedules;
using GemScheduling.Api.SelfScheduling;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>
/// Finding an application and scheduling it: a search over the synced candidates and applications, then the
/// application's context and suggestions, each option booked through the same create path as <c>POST .../schedules</c>.
/// </summary>
internal static class ApplicationPages
{
    private const int MaxOptionBody = 16 * 1024;

    public static RouteGroupBuilder MapApplicationPages(this RouteGroupBuilder console)
    {
        console.MapGet("/applications", SearchAsync);
        // The page runs the suggestion engine, so it draws on the same per-org budget as POST .../suggestions.
        console.MapGet("/applications/{applicationId:long}", ShowAsync).Expensive();
        // Anti-forgery is checked below (a stale form gets the page back); a refused option renders the page, suggestions included.
        console.MapPost("/applications/{applicationId:long}/schedules", ScheduleAsync).Expensive().DisableAntiforgery();
        console.MapPost("/applications/{applicationId:long}/booking-links", OfferBookingAsync).Expensive().DisableAntiforgery();
        return console;
    }

    private static async Task<RazorComponentResult<ApplicationSearchPage>> SearchAsync(string? q, HttpContext http, IGrainFactory grains,
        IGreenhouseReadModel readModel, IAntiforgery antiforgery, CancellationToken ct)
    {
        var orgId = http.User.OrgId()!;
        var query = q?.Trim();
        string? problem = null;
        IReadOnlyList<ApplicationMatch> matches = [];
        if (query is { Length: > 320 })
            problem = "Search for at most 320 characters.";
        else if (!string.IsNullOrEmpty(query))
            matches = await ApplicationData.SearchAsync(orgId, query, readModel, ct);
        var model = new ApplicationSearchModel(await ConsoleData.OrgNameAsync(grains, orgId), query, matches, problem, ConsolePages.FormTokenFor(http, antiforgery));
        return new(new { Model = model }) { StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity };
    }

    private static Task<IResult> ShowAsync(long applicationId, HttpContext http, IGrainFactory grains, IGreenhouseReadModel readModel, ILoopSuggester suggester,
        IAntiforgery antiforgery, IOptions<JsonOptions> json, CancellationToken ct) =>
        PageAsync(applicationId, problem: null, http, grains, readModel, suggester, antiforgery, json.Value.SerializerOptions, ct);

    private static async Task<IResult> ScheduleAsync(long applicationId, HttpContext http, IGrainFactory grains, IGreenhouseReadModel readModel,
        ILoopSuggester suggester, IAntiforgery antiforgery, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await RefusedFormAsync(applicationId, http, antiforgery) is { } refused)
            return refused;

        var form = await http.Request.ReadFormAsync(ct);
        SchedulingProblem problem;
        try
        {
            var command = ScheduleRequests.ToCommand(Body(form["option"].ToString(), applicationId, json.Value.SerializerOptions), http.User.Actor(),
                form["key"].ToString() is { Length: > 0 and <= 200 } key ? key : null);
            var (view, _) = await SchedulesApi.CreateAsync(grains, http.User.OrgId()!, command);
            return TypedResults.Redirect($"{ConsolePages.SchedulePath(view.Id)}?created=1");
        }
        catch (ConflictException clash)
        {
            problem = new SchedulingProblem(StatusCodes.Status409Conflict, $"This option is no longer free: {clash.Message} Choose another option below.", []);
        }
        catch (ValidationFailedException invalid)
        {
            problem = new SchedulingProblem(StatusCodes.Status422UnprocessableEntity, "This option cannot be scheduled as it is:",
                [.. invalid.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))]);
        }
        catch (ResourceNotFoundException gone)
        {
            problem = new SchedulingProblem(StatusCodes.Status404NotFound, gone.Message, []);
        }
        catch (GreenhousePermissionMissingException missing)
        {
            problem = new SchedulingProblem(StatusCodes.Status403Forbidden, missing.Message, []);
        }

        return await PageAsync(applicationId, problem, http, grains, readModel, suggester, antiforgery, json.Value.SerializerOptions, ct);
    }

    /// <summary>A booking link for the interviews left in the stage, with their default interviewers and the org's rules, as POST .../booking-links makes it.</summary>
    private static async Task<IResult> OfferBookingAsync(long applicationId, HttpContext http, IGrainFactory grains, IGreenhouseReadModel readModel,
        ILoopSuggester suggester, IAntiforgery antiforgery, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await RefusedFormAsync(applicationId, http, antiforgery) is { } refused)
            return refused;
        var orgId = http.User.OrgId()!;
        if (await ApplicationContextApi.ReadAsync(orgId, applicationId, readModel, grains, ct) is not { } context)
            return await NotFoundAsync(http, grains, "No such application", $"There is no application {applicationId} in this org's synced Greenhouse data.");
        try
        {
            var body = new BookingLinkBody([.. context.StepsToSchedule.Select(s => new BookingStepBody(s.Step.Id, null, null, null))], null, null, null, null, null, null, null, null);
            var offered = await BookingLinksApi.IssueAsync(orgId, applicationId, body, http);
            return await PageAsync(applicationId, null, http, grains, readModel, suggester, antiforgery, json.Value.SerializerOptions, ct, offered);
        }
        catch (ValidationFailedException invalid)
        {
            var problem = new SchedulingProblem(StatusCodes.Status422UnprocessableEntity, "No booking link was made:",
                [.. invalid.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))]);
            return await PageAsync(applicationId, problem, http, grains, readModel, suggester, antiforgery, json.Value.SerializerOptions, ct);
        }
    }

    /// <summary>Why an application page's form is not acted on, if it is not: not a form, a stale or forged token (the page again), or a read-only session.</summary>
    private static async Task<IResult?> RefusedFormAsync(long applicationId, HttpContext http, IAntiforgery antiforgery) =>
        !http.Request.HasFormContentType ? TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType)
        : !await antiforgery.IsRequestValidAsync(http) ? TypedResults.Redirect(ConsolePages.ApplicationPath(applicationId))
        : !ConsolePages.CanAct(http) ? TypedResults.StatusCode(StatusCodes.Status403Forbidden)
        : null;

    /// <summary>The option's body exactly as POST .../schedules would receive it; anything else is a 422, like a malformed request body.</summary>
    private static CreateScheduleBody Body(string text, long applicationId, JsonSerializerOptions json)
    {
        CreateScheduleBody? body = null;
        try
        {
            if (text.Length is > 0 and <= MaxOptionBody)
                body = JsonSerializer.Deserialize<CreateScheduleBody>(text, json);
        }
        catch (JsonException)
        {
        }

        if (body is null)
            throw new ValidationFailedException("option", "The option was not sent whole; reload the page and choose again.");
        if (body.ApplicationId != applicationId)
            throw new ValidationFailedException("applicationId", "The option is for another application.");
        return body;
    }

    private static async Task<IResult> PageAsync(long applicationId, SchedulingProblem? problem, HttpContext http, IGrainFactory grains,
        IGreenhouseReadModel readModel, ILoopSuggester suggester, IAntiforgery antiforgery, JsonSerializerOptions json, CancellationToken ct,
        IssuedBookingLink? offered = null)
    {
        var orgId = http.User.OrgId()!;
        if (await ApplicationContextApi.ReadAsync(orgId, applicationId, readModel, grains, ct) is not { } context)
            return await NotFoundAsync(http, grains, "No such application", $"There is no application {applicationId} in this org's synced Greenhouse data.");

        var canSchedule = ConsolePages.CanAct(http);
        var (suggestions, suggestionsProblem) = canSchedule ? await ApplicationData.SuggestAsync(orgId, applicationId, suggester, ct) : (null, null);
        var bodies = suggestions?.Options.Select(o => JsonSerializer.Serialize(o.CreateRequest, json)).ToList() ?? [];
        // One key per rendered page and option: submitting the same form twice books once, a different option is a new schedule.
        var key = "console-" + ApiTokens.RandomId(16);
        var model = new ApplicationPageModel(await ConsoleData.OrgNameAsync(grains, orgId), context, suggestions, suggestionsProblem, canSchedule,
            bodies, key, problem, ConsolePages.FormTokenFor(http, antiforgery), offered);
        return new RazorComponentResult<ApplicationPage>(new { Model = model }) { StatusCode = problem?.Status ?? StatusCodes.Status200OK };
    }

    public static async Task<IResult> NotFoundAsync(HttpContext http, IGrainFactory grains, string title, string text) =>
        new RazorComponentResult<ConsoleMessagePage>(new
        {
            Title = title, Text = text, Brand = await ConsoleData.OrgNameAsync(grains, http.User.OrgId()!),
            Antiforgery = ConsolePages.FormTokenFor(http, http.RequestServices.GetRequiredService<IAntiforgery>()),
        })
        {
            StatusCode = StatusCodes.Status404NotFound,
        };
}
