using System.Globalization;
using GemScheduling.Api.SelfScheduling;
using GemScheduling.Planning;

namespace GemScheduling.Api.Pages.SelfScheduling;

/// <summary>One time a candidate can pick: the instant the form posts, and how it reads in their zone and language.</summary>
public sealed record SlotChoice(string Value, string Label, string Id);

/// <summary>The open times of one day in the candidate's zone.</summary>
public sealed record SlotDay(string Heading, IReadOnlyList<SlotChoice> Slots);

/// <summary>A booked interview as the candidate reads it.</summary>
public sealed record BookedLine(string Step, string When, IReadOnlyList<string> Interviewers, string? Location, string? VideoUrl);

/// <summary>
/// What a booking or manage page shows: who asks, the times open in the candidate's zone and language, what they booked,
/// and the message about their last action. Dates and times are formatted here, once, for the page to print.
/// </summary>
public sealed class BookingPageModel(CandidateBookingView view, TimeZoneInfo zone, CultureInfo culture)
{
    public const string StartField = "start";
    public const string ZoneField = "tz";
    public const string ReasonField = "reason";

    public CandidateBookingView View { get; } = view;
    public string TimeZoneId => zone.Id;
    public string Lang => culture.Name;
    public required string FormAction { get; init; }
    public required IReadOnlyList<string> Zones { get; init; }
    public required string AntiforgeryField { get; init; }
    public required string AntiforgeryToken { get; init; }
    public bool ZoneChosen { get; init; }
    public string? Notice { get; init; }
    public string? Error { get; init; }
    public string? IcsUrl { get; init; }

    public string Company => string.IsNullOrWhiteSpace(View.CompanyName) ? "The team" : View.CompanyName;

    public string Greeting => View.CandidateFirstName is { Length: > 0 } name ? $"Hi {name}," : "Hello,";

    public string LoopSummary => string.Join(", ", View.Steps.Select(s => $"{s.Name} ({s.DurationMinutes} min)"));

    public IReadOnlyList<SlotDay> Days() =>
        [.. View.Slots.GroupBy(s => DateOnly.FromDateTime(Local(s.Start).DateTime)).OrderBy(g => g.Key)
            .Select(day => new SlotDay(DayText(day.Key), [.. day.OrderBy(s => s.Start).Select(Choice)]))];

    public IReadOnlyList<BookedLine> Booked() =>
        [.. View.Interviews.Select(i => new BookedLine(i.StepName, $"{DayText(DateOnly.FromDateTime(Local(i.Start).DateTime))}, {Time(i.Start)} – {Time(i.End)}",
            i.Interviewers, i.Location, i.VideoConferencingUrl))];

    public string? Deadline => View.ChangeDeadline is { } at ? $"{DayText(DateOnly.FromDateTime(Local(at).DateTime))}, {Time(at)}" : null;

    /// <summary>The instant a posted value names, if it is one this page could have offered.</summary>
    public static DateTimeOffset? ParseChoice(string? value) =>
        value is { Length: <= 40 } && DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start) ? start : null;

    private SlotChoice Choice(OpenSlot slot)
    {
        var value = slot.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new SlotChoice(value, $"{Time(slot.Start)} – {Time(slot.End)}", "slot-" + value.Replace(":", "").Replace("-", ""));
    }

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    private string Time(DateTimeOffset instant) => Local(instant).ToString("t", culture);

    private string DayText(DateOnly day) => day.ToString("dddd", culture) + ", " + day.ToString(culture.DateTimeFormat.MonthDayPattern, culture);
}

/// <summary>A booking or manage link that opens nothing, said plainly.</summary>
public sealed record BookingGoneModel(BookingRefusal Refusal, bool Manage, string Lang);
