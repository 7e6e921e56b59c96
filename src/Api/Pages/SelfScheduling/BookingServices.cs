using GemScheduling.Api.Pages.Shared;
using GemScheduling.Api.SelfScheduling;
using GemScheduling.Persistence.Emails;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using GemScheduling.Suggestions.Time;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Pages.SelfScheduling;

/// <summary>A booking or manage link that opened: the grant its token carries and the link as it is now.</summary>
public sealed record OpenedLink(BookingToken Grant, BookingLinkView Link);

/// <summary>What every booking page request needs: the link check, the form, the page in the candidate's zone and language.</summary>
internal sealed class BookingServices(IHttpContextAccessor request, IGrainFactory grains, IBookingTokens tokens, IGreenhouseReadModel readModel, TimeProvider time,
    IAntiforgery antiforgery, ISentEmailLog emails)
{
    private readonly HttpContext http = request.HttpContext!;
    private BookingRefusal? _refused;

    public IGrainFactory Grains => grains;

    public async Task<(OpenedLink? Opened, BookingRefusal? Refused)> CheckAsync(string token, BookingTokenKind kind)
    {
        var (refused, grant, link) = await CandidateBookings.CheckAsync(token, kind, tokens, grains);
        _refused = refused;
        return (grant is not null && link is not null ? new OpenedLink(grant, link) : null, refused);
    }

    /// <summary>The posted form when its anti-forgery token is good; null when the page was open too long (or forged).</summary>
    public async Task<IFormCollection?> FormAsync()
    {
        if (!http.Request.HasFormContentType)
            return null;
        // Read first: a form the platform cannot decode (a NUL, say) is the caller's 400, not a token problem.
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            return await antiforgery.IsRequestValidAsync(http) ? form : null;
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
    }

    /// <summary>The time and zone the candidate picked, or what to tell them instead.</summary>
    public async Task<(DateTimeOffset? Start, string Zone, string? Problem)> ReadChoiceAsync()
    {
        var form = await FormAsync();
        var zoneText = form?[BookingPageModel.ZoneField].ToString();
        var known = TimeZones.TryFind(zoneText is { Length: <= 64 } ? zoneText : null, out var found);
        var zone = known ? found!.Id : "UTC";
        if (form is null)
            return (null, zone, "This page was open for a long time. Please choose your time again.");
        if (!known)
            return (null, zone, "Choose your time zone from the list, then your time.");
        return BookingPageModel.ParseChoice(form[BookingPageModel.StartField].ToString()) is { } start
            ? (start, zone, null)
            : (null, zone, "Choose one of the open times, then press the button again.");
    }

    public string ManagePath(BookingToken grant) =>
        $"{http.Request.PathBase}{SelfServicePaths.ManagePath(tokens, grant.OrgId, grant.ApplicationId, grant.LinkId, time.GetUtcNow())}";

    /// <summary>The calendar invitation the candidate was last emailed for this booking; null until the outbox has sent one.</summary>
    public async Task<string?> InviteAsync(OpenedLink opened) =>
        (await emails.ListAsync(opened.Grant.OrgId, opened.Grant.ApplicationId, 500, null))
        .LastOrDefault(e => e.ScheduleId == opened.Link.ScheduleId && e.Ics is not null)?.Ics;

    public async Task<IResult> PageAsync<TPage>(OpenedLink opened, string? zone, bool zoneChosen, string? error = null, string? notice = null,
        int status = StatusCodes.Status422UnprocessableEntity)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var view = await CandidateBookings.ViewAsync(opened.Grant, opened.Link, zone, grains, readModel, time);
        var culture = PageCulture.For(http.Request);
        var form = antiforgery.GetAndStoreTokens(http);
        var path = $"{http.Request.PathBase}{http.Request.Path}";
        var model = new BookingPageModel(view, TimeZones.TryFind(view.TimeZone, out var found) ? found : TimeZoneInfo.Utc, culture)
        {
            FormAction = path.EndsWith("/reschedule", StringComparison.Ordinal) || path.EndsWith("/cancel", StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : path,
            Zones = PageZones.Including(view.TimeZone),
            AntiforgeryField = form.FormFieldName,
            AntiforgeryToken = form.RequestToken!,
            ZoneChosen = zoneChosen,
            Error = error,
            Notice = notice,
            IcsUrl = view.Interviews.Count > 0 && await InviteAsync(opened) is not null ? $"{http.Request.PathBase}{http.Request.Path}/invite.ics" : null,
        };
        return new RazorComponentResult<TPage>(new { Model = model }) { StatusCode = error is null ? StatusCodes.Status200OK : status };
    }

    public IResult Gone(BookingRefusal? refused = null)
    {
        var refusal = refused ?? _refused ?? new BookingRefusal(null);
        return new RazorComponentResult<BookingGonePage>(new { Model = new BookingGoneModel(refusal, false, PageCulture.For(http.Request).Name) })
        {
            StatusCode = refusal.Status is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone,
        };
    }
}
