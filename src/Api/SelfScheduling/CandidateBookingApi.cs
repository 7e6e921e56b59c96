using GemScheduling.Api.Availability;
using GemScheduling.Api.Hosting;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.SelfScheduling;

public sealed record SlotBody(string? Start, string? TimeZone);

public sealed record CancelBookingBody(string? Reason);

/// <summary>
/// A booking made: what the candidate sees, and the link to move or cancel it (also in their confirmation email). A repeat
/// of a booking already made answers the booking without the link: the booking link must not mint manage links.
/// </summary>
public sealed record BookingConfirmation(CandidateBookingView Booking, string? ManageUrl);

/// <summary>
/// The candidate's side of self-scheduling in JSON, without an account: the open times, booking one, and through the
/// manage link moving or cancelling it. Each goes through the booking link's grain, as the candidate's pages do.
/// </summary>
internal static class CandidateBookingApi
{
    public const string BookPath = "/api/v1/booking-links";
    public const string ManagePath = "/api/v1/bookings";

    public static IEndpointRouteBuilder MapCandidateBookings(this IEndpointRouteBuilder routes)
    {
        var book = routes.MapGroup(BookPath).AllowAnonymous().AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<StoredTextFilter>()
            .WithTags("Candidate booking link (no account)");
        book.MapGet("/{token}", Read).WithSummary("Who asks, the loop's steps and the times open now, in the candidate's zone (timeZone=…).");
        book.MapPost("/{token}/booking", Book).Repeatable(RepeatWhen.Always)
            .WithSummary("Book the open loop that starts at start; 409 slot-taken when it was just taken. A link books once.");

        var manage = routes.MapGroup(ManagePath).AllowAnonymous().AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<StoredTextFilter>()
            .WithTags("Candidate booking link (no account)");
        manage.MapGet("/{token}", ReadBooking).WithSummary("What the candidate booked, until when they may change it, and the times they could move to.");
        manage.MapPost("/{token}/reschedule", Reschedule).Repeatable(RepeatWhen.Always).WithSummary("Move the booked loop to the open loop that starts at start.");
        manage.MapPost("/{token}/cancel", Cancel).Repeatable(RepeatWhen.Always).WithSummary("Cancel the booked loop.");
        return routes;
    }

    private static async Task<Results<Ok<CandidateBookingView>, ProblemHttpResult>> Read(string token, string? timeZone, IBookingTokens tokens, IGrainFactory grains,
        IGreenhouseReadModel readModel, TimeProvider time)
    {
        RequireKnownZone(timeZone);
        var (refused, grant, link) = await CandidateBookings.CheckAsync(token, BookingTokenKind.Book, tokens, grains);
        return refused is not null ? Refusal(refused) : TypedResults.Ok(await CandidateBookings.ViewAsync(grant!, link!, timeZone, grains, readModel, time));
    }

    private static async Task<Results<Created<BookingConfirmation>, Ok<BookingConfirmation>, ProblemHttpResult>> Book(string token, SlotBody? body,
        IBookingTokens tokens, IGrainFactory grains, IGreenhouseReadModel readModel, IPublicLinks links, TimeProvider time)
    {
        var (start, zone) = Slot(body);
        var (refused, grant, _) = await CandidateBookings.CheckAsync(token, BookingTokenKind.Book, tokens, grains);
        if (refused is not null && refused.Status != BookingLinkStatus.Booked) // a booked link still answers a repeat of its own booking
            return Refusal(refused);
        var result = await CandidateBookings.Link(grains, grant!).Book(start, zone);
        if (result.Outcome is not (BookingOutcome.Done or BookingOutcome.Repeated))
            return Refusal(result.Outcome);
        var booking = await CandidateBookings.ViewAsync(grant!, result.Link, zone, grains, readModel, time);
        return result.Outcome == BookingOutcome.Repeated
            ? TypedResults.Ok(new BookingConfirmation(booking, null))
            : TypedResults.Created((string?)null, new BookingConfirmation(booking, links.ManageUrl(grant!.OrgId, grant.ApplicationId, grant.LinkId)));
    }

    private static async Task<Results<Ok<CandidateBookingView>, ProblemHttpResult>> ReadBooking(string token, string? timeZone, IBookingTokens tokens,
        IGrainFactory grains, IGreenhouseReadModel readModel, TimeProvider time)
    {
        RequireKnownZone(timeZone);
        var (refused, grant, link) = await CandidateBookings.CheckAsync(token, BookingTokenKind.Manage, tokens, grains);
        return refused is not null ? Refusal(refused) : TypedResults.Ok(await CandidateBookings.ViewAsync(grant!, link!, timeZone, grains, readModel, time));
    }

    private static async Task<Results<Ok<CandidateBookingView>, ProblemHttpResult>> Reschedule(string token, SlotBody? body, IBookingTokens tokens,
        IGrainFactory grains, IGreenhouseReadModel readModel, TimeProvider time)
    {
        var (start, zone) = Slot(body);
        var (refused, grant, _) = await CandidateBookings.CheckAsync(token, BookingTokenKind.Manage, tokens, grains);
        if (refused is not null)
            return Refusal(refused);
        var result = await CandidateBookings.Link(grains, grant!).Reschedule(start, zone);
        return result.Outcome == BookingOutcome.Done
            ? TypedResults.Ok(await CandidateBookings.ViewAsync(grant!, result.Link, zone, grains, readModel, time))
            : Refusal(result.Outcome);
    }

    private static async Task<Results<Ok<CandidateBookingView>, ProblemHttpResult>> Cancel(string token, CancelBookingBody? body, IBookingTokens tokens,
        IGrainFactory grains, IGreenhouseReadModel readModel, TimeProvider time)
    {
        if (body?.Reason is { Length: > 1000 })
            throw new ValidationFailedException("reason", "At most 1,000 characters.");
        var (refused, grant, link) = await CandidateBookings.CheckAsync(token, BookingTokenKind.Manage, tokens, grains);
        if (refused is not null)
            return Refusal(refused);
        if (link!.Status == BookingLinkStatus.Cancelled) // a repeat after its answer was lost
            return TypedResults.Ok(await CandidateBookings.ViewAsync(grant!, link, null, grains, readModel, time));
        var result = await CandidateBookings.Link(grains, grant!).Cancel(body?.Reason);
        return result.Outcome == BookingOutcome.Done
            ? TypedResults.Ok(await CandidateBookings.ViewAsync(grant!, result.Link, null, grains, readModel, time))
            : Refusal(result.Outcome);
    }

    private static void RequireKnownZone(string? timeZone)
    {
        if (timeZone is not null && !Suggestions.Time.TimeZones.TryFind(timeZone.Length <= 64 ? timeZone : null, out _))
            throw new ValidationFailedException("timeZone", "Not an IANA time zone (e.g. Europe/Berlin).");
    }

    private static (DateTimeOffset Start, string TimeZone) Slot(SlotBody? body)
    {
        var errors = new Dictionary<string, string[]>();
        var start = AvailabilityApi.Instant(body?.Start, "start", errors, required: true);
        if (!Suggestions.Time.TimeZones.TryFind(body?.TimeZone is { Length: <= 64 } text ? text : null, out var zone))
            errors["timeZone"] = ["The candidate's IANA time zone is required (e.g. Europe/Berlin)."];
        Paging.ThrowIfAny(errors);
        return (start!.Value, zone!.Id);
    }

    private static ProblemHttpResult Refusal(BookingRefusal refused) => refused.Status switch
    {
        null => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This booking link is not valid."),
        BookingLinkStatus.Booked or BookingLinkStatus.Cancelled => Refusal(BookingOutcome.AlreadyBooked),
        BookingLinkStatus.Open => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not booked",
            detail: "Nothing has been booked through this link yet."),
        _ => Refusal(BookingOutcome.Gone),
    };

    private static ProblemHttpResult Refusal(BookingOutcome outcome) => outcome switch
    {
        BookingOutcome.SlotTaken => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Time taken", type: Problems.TypeBase + "slot-taken",
            detail: "That time is no longer open: someone else just took it, or it came too close. Pick another from the refreshed times."),
        BookingOutcome.TooLate => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too late to change", type: Problems.TypeBase + "booking-too-late",
            detail: "The interviews are too close to change here; contact the recruiter."),
        BookingOutcome.Unavailable => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot be done here", type: Problems.TypeBase + "booking-unavailable",
            detail: "This cannot be booked or changed here right now; contact the recruiter."),
        BookingOutcome.AlreadyBooked => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Link already used", type: Problems.TypeBase + "booking-link-gone",
            detail: "This booking link has already been used; the confirmation email has the link to change the booking."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Link no longer works", type: Problems.TypeBase + "booking-link-gone",
            detail: "This booking link no longer works; ask the recruiter for a new one."),
    };
}
