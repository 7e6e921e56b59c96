using GemScheduling.Api.Availability;
using GemScheduling.Api.Hosting;
using GemScheduling.Api.Pages.Shared;
using GemScheduling.Availability;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using GemScheduling.Suggestions.Time;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Pages.CandidateAvailability;

/// <summary>
/// The page a candidate's availability link opens: a week view in their zone and language where they add and remove
/// times and send them. Plain form posts do everything; the script only saves round trips. What is sent goes through the
/// same link check and application grain as the JSON API, so the API shows it and suggestions use it.
/// </summary>
internal static class CandidateAvailabilityPages
{
    public static IEndpointRouteBuilder MapCandidateAvailabilityPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup(AvailabilityLinksApi.PagePath).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<PageHeaders>();
        pages.MapGet("/{token}", Show);
        pages.MapPost("/{token}", Post).Repeatable(RepeatWhen.Always).DisableAntiforgery(); // checked below, so a stale token costs no typing
        return routes;
    }

    private static async Task<IResult> Show(string token, string? tz, HttpContext http, IAvailabilityLinkSigner links, IGrainFactory grains,
        IGreenhouseReadModel readModel, TimeProvider time, IAntiforgery antiforgery)
    {
        var (refused, link) = await CandidateLinks.CheckAsync(token, links, grains);
        if (refused is not null)
            return Gone(refused, http);
        var context = await CandidateLinks.ReadAsync(link!, grains, readModel);
        var chosen = TimeZones.TryFind(tz, out var asked) ? asked : null;
        var zone = chosen ?? (TimeZones.TryFind(context.Answered?.TimeZone, out var saved) ? saved : TimeZoneInfo.Utc);
        var now = time.GetUtcNow();
        var (earliest, _) = CandidateLinks.Bounds(context.Policy, now);
        // Times already sent are the starting draft; what has since come inside the notice is trimmed, not re-offered.
        var answered = (context.Answered?.Windows ?? [])
            .Select(w => new Window(w.Start < earliest ? earliest : w.Start, w.End))
            .Where(w => w.End - w.Start >= TimeSpan.FromMinutes(30));
        var draft = new AvailabilityDraft(zone, context.Policy, now, PageCulture.For(http.Request), answered, null);
        return Page(http, antiforgery, context, draft, zoneChosen: chosen is not null || context.Answered?.TimeZone is not null);
    }

    private static async Task<IResult> Post(string token, HttpContext http, IAvailabilityLinkSigner links, IGrainFactory grains,
        IGreenhouseReadModel readModel, TimeProvider time, IAntiforgery antiforgery)
    {
        var (refused, link) = await CandidateLinks.CheckAsync(token, links, grains);
        if (refused is not null)
            return Gone(refused, http);
        if (!http.Request.HasFormContentType)
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var context = await CandidateLinks.ReadAsync(link!, grains, readModel);
        var zoneText = form[AvailabilityForm.Zone].ToString();
        var zoneKnown = TimeZones.TryFind(zoneText.Length <= 64 ? zoneText : null, out var found);
        var zone = found ?? TimeZoneInfo.Utc;
        var week = AvailabilityForm.TryDay(form[AvailabilityForm.Week], out var day) ? day : (DateOnly?)null;
        var draft = new AvailabilityDraft(zone, context.Policy, time.GetUtcNow(), PageCulture.For(http.Request),
            AvailabilityForm.Decode(form[AvailabilityForm.Windows]), week);
        if (!zoneKnown)
            draft.Errors["tz"] = "Choose your time zone from the list.";

        switch (FormAction.Parse(form[AvailabilityForm.Action]))
        {
            case FormAction.Add add:
                draft.Add(add.Day, form[AvailabilityForm.FromField(add.Day)], form[AvailabilityForm.ToField(add.Day)]);
                break;
            case FormAction.Remove remove:
                draft.Remove(remove.Index);
                break;
            case FormAction.ShowWeek show:
                draft.ShowWeek(show.WeekStart);
                break;
            case FormAction.Send when !await antiforgery.IsRequestValidAsync(http):
                draft.Errors["week"] = "This page was open for a long time. Please press Send again.";
                break;
            case FormAction.Send when zoneKnown && draft.ReadyToSend():
                return await SendAsync(http, grains, antiforgery, link!, context, draft);
        }

        return Page(http, antiforgery, context, draft, zoneChosen: true);
    }

    private static async Task<IResult> SendAsync(HttpContext http, IGrainFactory grains, IAntiforgery antiforgery, AvailabilityLink link,
        CandidateLinkContext context, AvailabilityDraft draft)
    {
        try
        {
            await AvailabilityApi.Application(grains, link.OrgId, link.ApplicationId)
                .SubmitThroughLink(link.LinkId, draft.TimeZoneId, [.. draft.Windows.Select(w => new CandidateWindow(w.Start, w.End, draft.TimeZoneId))]);
        }
        catch (AvailabilityLinkGoneException gone)
        {
            return Gone(new LinkRefusal(gone.Status), http);
        }
        catch (ValidationFailedException invalid)
        {
            draft.Errors["week"] = string.Join(" ", invalid.Errors.Values.SelectMany(m => m));
            return Page(http, antiforgery, context, draft, zoneChosen: true);
        }

        var stillLive = await AvailabilityApi.Application(grains, link.OrgId, link.ApplicationId).GetAvailabilityLinkStatus(link.LinkId)
            == GemScheduling.Applications.AvailabilityLinkStatus.Live;
        var change = stillLive ? $"{http.Request.PathBase}{http.Request.Path}?tz={Uri.EscapeDataString(draft.TimeZoneId)}" : null;
        return new RazorComponentResult<ThanksPage>(new { Model = new ThanksPageModel(context, draft, change, PageCulture.For(http.Request).Name) });
    }

    private static RazorComponentResult<AvailabilityPage> Page(HttpContext http, IAntiforgery antiforgery, CandidateLinkContext context, AvailabilityDraft draft,
        bool zoneChosen)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var zones = PageZones.Including(draft.TimeZoneId);
        var model = new AvailabilityPageModel($"{http.Request.PathBase}{http.Request.Path}", context, draft, zones, zoneChosen,
            PageCulture.For(http.Request).Name, tokens.FormFieldName, tokens.RequestToken!);
        return new RazorComponentResult<AvailabilityPage>(new { Model = model });
    }

    private static RazorComponentResult<LinkGonePage> Gone(LinkRefusal refused, HttpContext http) =>
        new(new { Model = new LinkGonePageModel(refused, PageCulture.For(http.Request).Name) })
        {
            StatusCode = refused.Status is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone,
        };
}
