using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.SelfScheduling;

/// <summary>Booking links through the API, as a coordinator makes them and as a candidate uses them.</summary>
public static class BookingLinkRequests
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The first day a booking test offers: far enough ahead for any notice the tests set.</summary>
    public static DateTimeOffset FirstDay => new(DateTimeOffset.UtcNow.Date.AddDays(3), TimeSpan.Zero);

    /// <summary>A link for the target's step with the given interviewers, over three days from <see cref="FirstDay"/> (a null cutoff: the org's).</summary>
    public static async Task<IssuedBookingView> IssueBookingLinkAsync(this ConnectedApi api, SchedulingTarget target, IReadOnlyList<long> pool,
        int? changeCutoffHours = 24, int days = 3, int durationMinutes = 45)
    {
        var response = await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/booking-links"), new
        {
            steps = new[] { new { interviewStepId = target.InterviewStepId, durationMinutes, interviewerPool = pool } },
            from = FirstDay, to = FirstDay.AddDays(days), minimumNoticeHours = 24, changeCutoffHours,
            videoConferencingUrl = "https://meet.example.com/loop",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IssuedBookingView>(Json))!;
    }

    public static async Task<CandidateBookingTestView> OpenAsync(this ConnectedApi api, string apiPath, string timeZone = "UTC") =>
        (await api.Api.ClientWith(null).GetFromJsonAsync<CandidateBookingTestView>($"{apiPath}?timeZone={Uri.EscapeDataString(timeZone)}", Json))!;

    public static Task<HttpResponseMessage> BookAsync(this ConnectedApi api, string apiPath, DateTimeOffset start, string timeZone = "UTC") =>
        api.Api.ClientWith(null).PostAsJsonAsync($"{apiPath}/booking", new { start, timeZone });

    /// <summary>The candidate emails sent for an application, oldest first.</summary>
    public static async Task<IReadOnlyList<SentEmailView>> CandidateEmailsAsync(this ConnectedApi api, long applicationId) =>
        (await api.Client.GetFromJsonAsync<EmailList>(api.Path($"emails?applicationId={applicationId}"), Json))!.Items;

    /// <summary>The manage link in the newest candidate email, as the candidate would click it.</summary>
    public static async Task<string> ManageLinkInEmailAsync(this ConnectedApi api, long applicationId)
    {
        var body = (await api.CandidateEmailsAsync(applicationId))[^1].Body;
        var at = body.IndexOf("/booking/", StringComparison.Ordinal);
        Assert.True(at > 0, $"no manage link in: {body}");
        var start = body.LastIndexOf("http", at, StringComparison.Ordinal);
        var end = body.IndexOfAny([' ', '\n', '\r', '#'], at);
        return body[start..(end < 0 ? body.Length : end)];
    }

    /// <summary>The interviews Greenhouse holds for the schedule the link books.</summary>
    public static IReadOnlyList<SandboxInterview> InGreenhouse(this ConnectedApi api, IssuedBookingView link) =>
        [.. api.Greenhouse.ScheduledInterviews().Where(i => i.ExternalEventId?.StartsWith($"gs-{link.Link.ScheduleId}-", StringComparison.Ordinal) == true)];

    public sealed record EmailList(IReadOnlyList<SentEmailView> Items);
}

public sealed record IssuedBookingView(string Url, string ApiUrl, BookingLinkTestView Link, IReadOnlyList<string> Warnings)
{
    public string PagePath => new Uri(Url).PathAndQuery;
    public string ApiPath => new Uri(ApiUrl).PathAndQuery;
}

public sealed record BookingLinkTestView(string Id, string Status, string ScheduleId, DateTimeOffset ExpiresAt, DateTimeOffset? BookedAt);

public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End);

public sealed record BookedInterviewTestView(string StepName, DateTimeOffset Start, DateTimeOffset End, string TimeZone, IReadOnlyList<string> Interviewers,
    string? VideoConferencingUrl);

public sealed record CandidateBookingTestView(
    string CompanyName, string? CandidateFirstName, string? JobName, string Status, string TimeZone, IReadOnlyList<SlotView> Slots,
    IReadOnlyList<BookedInterviewTestView> Interviews, DateTimeOffset? ChangeDeadline, bool CanChange);

public sealed record BookingConfirmationView(CandidateBookingTestView Booking, string? ManageUrl)
{
    public string ManagePath => new Uri(ManageUrl!).PathAndQuery;
}

public sealed record SentEmailView(string EmailId, string To, string Subject, string Body, string? Ics);

public static class ManageLinks
{
    /// <summary>The JSON API behind a manage link's page (<c>/booking/{token}</c> → <c>/api/v1/bookings/{token}</c>).</summary>
    public static string ApiPath(string manageUrl) => "/api/v1/bookings/" + new Uri(manageUrl).AbsolutePath["/booking/".Length..];
}
