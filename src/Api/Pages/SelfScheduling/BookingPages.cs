using GemScheduling.Api.Hosting;
using GemScheduling.Api.Pages.Shared;
using GemScheduling.Api.SelfScheduling;
using GemScheduling.Boundaries;
using GemScheduling.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Pages.SelfScheduling;

/// <summary>
/// The candidate's self-scheduling pages: the booking link's open times to pick from, and, through the manage link in
/// the confirmation email, what was booked with the times to move to and a way to cancel. Plain forms do everything
/// (Post/Redirect/Get); each action goes through the booking link's grain, as the JSON API does.
/// </summary>
internal static class BookingPages
{
    public static IEndpointRouteBuilder MapBookingPages(this IEndpointRouteBuilder routes)
    {
        var book = routes.MapGroup(SelfServicePaths.Book).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<PageHeaders>();
        book.MapGet("/{token}", ShowBooking);
        book.MapPost("/{token}", BookAsync).Repeatable(RepeatWhen.Always).DisableAntiforgery(); // checked below, so a stale token is a message, not a 400

        var manage = routes.MapGroup(SelfServicePaths.Manage).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<PageHeaders>();
        manage.MapGet("/{token}", ShowBooked);
        manage.MapGet("/{token}/invite.ics", InviteAsync);
        manage.MapPost("/{token}/reschedule", RescheduleAsync).Repeatable(RepeatWhen.Always).DisableAntiforgery();
        manage.MapPost("/{token}/cancel", CancelAsync).Repeatable(RepeatWhen.Always).DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> ShowBooking(string token, string? tz, BookingServices services) =>
        await services.CheckAsync(token, BookingTokenKind.Book) is ({ } open, null)
            ? await services.PageAsync<BookingPage>(open, tz, zoneChosen: tz is not null)
            : services.Gone();

    private static async Task<IResult> BookAsync(string token, BookingServices services)
    {
        var (opened, refused) = await services.CheckAsync(token, BookingTokenKind.Book);
        if (opened is null || (refused is not null && refused.Status != BookingLinkStatus.Booked))
            return services.Gone();
        var (start, zone, problem) = await services.ReadChoiceAsync();
        if (problem is not null)
            return await services.PageAsync<BookingPage>(opened, zone, zoneChosen: true, error: problem);
        var result = await CandidateBookings.Link(services.Grains, opened.Grant).Book(start!.Value, zone);
        return result.Outcome switch
        {
            BookingOutcome.Done => TypedResults.Redirect(services.ManagePath(opened.Grant) + "?done=booked"),
            BookingOutcome.SlotTaken => await services.PageAsync<BookingPage>(opened with { Link = result.Link }, zone, zoneChosen: true,
                error: "Sorry, that time was just taken or is no longer open. Here are the times still open.", status: StatusCodes.Status409Conflict),
            BookingOutcome.Unavailable => await services.PageAsync<BookingPage>(opened with { Link = result.Link }, zone, zoneChosen: true,
                error: "Sorry, this cannot be booked here right now. Please contact the recruiter.", status: StatusCodes.Status409Conflict),
            // A repeat (a double submit) says it is booked and points to the email: the booking link never hands out the manage link again.
            _ => services.Gone(new BookingRefusal(result.Link.Status)),
        };
    }

    private static async Task<IResult> ShowBooked(string token, string? tz, string? done, BookingServices services)
    {
        if (await services.CheckAsync(token, BookingTokenKind.Manage) is not ({ } booked, null))
            return services.Gone();
        var notice = done switch
        {
            "booked" => "You're booked. A confirmation with a calendar invitation is on its way to your inbox.",
            "moved" => "Your interview has moved. An updated invitation is on its way to your inbox.",
            "cancelled" => "Your interview is cancelled, and the recruiter has been told.",
            _ => null,
        };
        return await services.PageAsync<ManageBookingPage>(booked, tz, zoneChosen: tz is not null, notice: notice);
    }

    private static async Task<IResult> InviteAsync(string token, BookingServices services) =>
        await services.CheckAsync(token, BookingTokenKind.Manage) is not ({ } booked, null) ? services.Gone()
        : await services.InviteAsync(booked) is { } ics ? TypedResults.Text(ics, "text/calendar; charset=utf-8")
        : TypedResults.NotFound();

    private static async Task<IResult> RescheduleAsync(string token, BookingServices services)
    {
        if (await services.CheckAsync(token, BookingTokenKind.Manage) is not ({ } booked, null))
            return services.Gone();
        var (start, zone, problem) = await services.ReadChoiceAsync();
        if (problem is not null)
            return await services.PageAsync<ManageBookingPage>(booked, zone, zoneChosen: true, error: problem);
        var result = await CandidateBookings.Link(services.Grains, booked.Grant).Reschedule(start!.Value, zone);
        return result.Outcome switch
        {
            BookingOutcome.Done => TypedResults.Redirect($"{services.ManagePath(booked.Grant)}?done=moved&tz={Uri.EscapeDataString(zone)}"),
            BookingOutcome.SlotTaken => await services.PageAsync<ManageBookingPage>(booked, zone, zoneChosen: true,
                error: "Sorry, that time was just taken or is no longer open. Here are the times still open.", status: StatusCodes.Status409Conflict),
            BookingOutcome.TooLate => await services.PageAsync<ManageBookingPage>(booked, zone, zoneChosen: true,
                error: "The interview is now too close to move here. Please contact the recruiter.", status: StatusCodes.Status409Conflict),
            BookingOutcome.Unavailable => await services.PageAsync<ManageBookingPage>(booked, zone, zoneChosen: true,
                error: "Sorry, this cannot be changed here right now. Please contact the recruiter.", status: StatusCodes.Status409Conflict),
            _ => services.Gone(new BookingRefusal(result.Link.Status)),
        };
    }

    private static async Task<IResult> CancelAsync(string token, BookingServices services)
    {
        if (await services.CheckAsync(token, BookingTokenKind.Manage) is not ({ } booked, null))
            return services.Gone();
        if (booked.Link.Status == BookingLinkStatus.Cancelled) // a second press of Cancel
            return TypedResults.Redirect(services.ManagePath(booked.Grant) + "?done=cancelled");
        var form = await services.FormAsync();
        var reason = form?[BookingPageModel.ReasonField].ToString().Trim() ?? "";
        var problem = form is null ? "This page was open for a long time. Please press Cancel again."
            : reason.Length > 1000 ? "Please keep the reason under 1,000 characters."
            : StoredText.FirstRefused(reason) >= 0 ? "The reason holds a character that cannot be stored; please type it again."
            : null;
        if (problem is not null)
            return await services.PageAsync<ManageBookingPage>(booked, null, zoneChosen: false, error: problem);
        var result = await CandidateBookings.Link(services.Grains, booked.Grant).Cancel(reason.Length == 0 ? null : reason);
        return result.Outcome switch
        {
            BookingOutcome.Done => TypedResults.Redirect(services.ManagePath(booked.Grant) + "?done=cancelled"),
            BookingOutcome.TooLate => await services.PageAsync<ManageBookingPage>(booked, null, zoneChosen: false,
                error: "The interview is now too close to cancel here. Please contact the recruiter.", status: StatusCodes.Status409Conflict),
            _ => services.Gone(new BookingRefusal(result.Link.Status)),
        };
    }
}
