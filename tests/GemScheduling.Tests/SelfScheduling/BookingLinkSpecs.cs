using System.Net;
using System.Net.Http.Json;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Pages;

namespace GemScheduling.Tests.SelfScheduling;

/// <summary>
/// Self-scheduling through the JSON API: a coordinator's booking link, the candidate's open times, booking one down to
/// Greenhouse's record, a link that books once, two candidates racing for one interviewer, and the manage link in the
/// confirmation email moving and cancelling the booking within the cutoff.
/// </summary>
public sealed class BookingLinkSpecs(CandidatePagesApi api) : IClassFixture<CandidatePagesApi>
{
    [Fact]
    public async Task Given_a_booking_link_when_the_candidate_books_an_open_time_then_Greenhouse_holds_that_loop_with_the_note_and_the_logged_email()
    {
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        Assert.Equal("open", link.Link.Status);

        var open = await api.OpenAsync(link.ApiPath, "Europe/Berlin");
        Assert.True(open.Slots.Count > 0, string.Join(" | ", link.Warnings));
        Assert.All(open.Slots, s => Assert.True(s.Start >= BookingLinkRequests.FirstDay && s.End - s.Start == TimeSpan.FromMinutes(45)));
        Assert.Equal("Europe/Berlin", open.TimeZone);
        var pick = open.Slots[^1];

        var booked = await api.BookAsync(link.ApiPath, pick.Start, "Europe/Berlin");

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var confirmation = (await booked.Content.ReadFromJsonAsync<BookingConfirmationView>(BookingLinkRequests.Json))!;
        Assert.Equal("booked", confirmation.Booking.Status);
        var interview = Assert.Single(confirmation.Booking.Interviews);
        Assert.Equal((pick.Start, pick.End, "Europe/Berlin"), (interview.Start, interview.End, interview.TimeZone));
        var schedule = await api.SettledAsync(link.Link.ScheduleId);
        Assert.Equal("synced", schedule.GetProperty("writeBack").GetString());

        var inGreenhouse = Assert.Single(api.InGreenhouse(link));
        Assert.Equal(pick.Start, inGreenhouse.Start.DateTime);
        Assert.Equal([target.InterviewerUserIds[0]], inGreenhouse.Interviewers.Select(i => i.UserId!.Value));
        Assert.Equal("https://meet.example.com/loop", inGreenhouse.VideoConferencingUrl);
        Assert.Single(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("Interviews scheduled"));
        var logged = Assert.Single(api.Greenhouse.Emails(target.CandidateId), e => e.Body.Contains("GemScheduling ref"));
        var sent = (await api.CandidateEmailsAsync(target.ApplicationId))[^1];
        var emailed = await api.ManageLinkInEmailAsync(target.ApplicationId); // the candidate's email carries their manage link
        Assert.Contains(emailed + "#reschedule", sent.Body);
        Assert.Contains(emailed + "#cancel", sent.Body);
        var managed = await api.Api.ClientWith(null).GetFromJsonAsync<CandidateBookingTestView>(ManageLinks.ApiPath(emailed), BookingLinkRequests.Json);
        Assert.Equal((interview.Start, "booked"), (managed!.Interviews.Single().Start, managed.Status));
        Assert.DoesNotContain("/booking/", logged.Body);      // the copy in Greenhouse leaves the secret out
        Assert.Contains("To cancel: (the candidate's own link, left out of this log)", logged.Body);
        Assert.DoesNotContain("gemscheduling:manage-link", logged.Body + sent.Body);
    }

    [Fact]
    public async Task Given_a_booked_link_when_it_is_used_again_then_the_same_time_answers_the_booking_and_another_time_is_refused()
    {
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var slots = (await api.OpenAsync(link.ApiPath)).Slots;
        Assert.Equal(HttpStatusCode.Created, (await api.BookAsync(link.ApiPath, slots[0].Start)).StatusCode);

        var repeated = await api.BookAsync(link.ApiPath, slots[0].Start);
        var other = await api.BookAsync(link.ApiPath, slots[^1].Start);
        var reopened = await api.Api.ClientWith(null).GetAsync(link.ApiPath);

        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Null((await repeated.Content.ReadFromJsonAsync<BookingConfirmationView>(BookingLinkRequests.Json))!.ManageUrl); // a booking link mints no manage link
        Assert.Equal(HttpStatusCode.Gone, other.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Single(api.InGreenhouse(link));
    }

    [Fact]
    public async Task Given_two_candidates_racing_for_one_interviewers_time_when_both_book_it_then_exactly_one_gets_it_and_the_other_sees_it_gone()
    {
        var first = api.NextTarget();
        var second = api.NextTarget();
        var interviewer = first.InterviewerUserIds[^1];
        var links = new[] { await api.IssueBookingLinkAsync(first, [interviewer]), await api.IssueBookingLinkAsync(second, [interviewer]) };
        var contested = (await api.OpenAsync(links[0].ApiPath)).Slots[1];
        Assert.Contains((await api.OpenAsync(links[1].ApiPath)).Slots, s => s.Start == contested.Start);

        var answers = await Task.WhenAll(links.Select(l => api.BookAsync(l.ApiPath, contested.Start)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var loser = links[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.Conflict)];
        var problem = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<ProblemView>(BookingLinkRequests.Json);
        Assert.EndsWith("/slot-taken", problem!.Type);
        var refreshed = await api.OpenAsync(loser.ApiPath);
        Assert.Equal("open", refreshed.Status);
        Assert.DoesNotContain(refreshed.Slots, s => s.Start < contested.End && contested.Start < s.End);
        Assert.Equal(HttpStatusCode.Created, (await api.BookAsync(loser.ApiPath, refreshed.Slots[0].Start)).StatusCode);
    }

    [Fact]
    public async Task Given_a_booking_when_the_candidate_moves_it_and_then_cancels_it_from_the_emails_link_then_Greenhouse_follows_both()
    {
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var slots = (await api.OpenAsync(link.ApiPath)).Slots;
        await api.BookAsync(link.ApiPath, slots[0].Start);
        await api.SettledAsync(link.Link.ScheduleId);
        var manage = ManageLinks.ApiPath(await api.ManageLinkInEmailAsync(target.ApplicationId));
        var anonymous = api.Api.ClientWith(null);

        var booking = (await anonymous.GetFromJsonAsync<CandidateBookingTestView>(manage, BookingLinkRequests.Json))!;
        Assert.True(booking.CanChange);
        Assert.Contains(booking.Slots, s => s.Start == slots[0].Start); // its own time is not busy for itself
        var later = booking.Slots[^1];
        var moved = await anonymous.PostAsJsonAsync($"{manage}/reschedule", new { start = later.Start, timeZone = "America/New_York" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Equal(later.Start, Assert.Single(api.InGreenhouse(link)).Start.DateTime);
        Assert.Contains("/booking/", (await api.CandidateEmailsAsync(target.ApplicationId))[^1].Body); // the rescheduled email carries it too

        var cancelled = await anonymous.PostAsJsonAsync($"{manage}/cancel", new { reason = "Accepted another offer" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<CandidateBookingTestView>(BookingLinkRequests.Json))!.Status);
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Empty(api.InGreenhouse(link));
        Assert.Equal(HttpStatusCode.Gone, (await api.BookAsync(link.ApiPath, slots[^1].Start)).StatusCode);
    }

    [Fact]
    public async Task Given_a_booking_inside_the_change_cutoff_when_the_candidate_tries_to_move_or_cancel_it_then_they_are_told_to_contact_the_recruiter()
    {
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]], changeCutoffHours: 336);
        var slots = (await api.OpenAsync(link.ApiPath)).Slots;
        var confirmation = (await (await api.BookAsync(link.ApiPath, slots[0].Start)).Content.ReadFromJsonAsync<BookingConfirmationView>(BookingLinkRequests.Json))!;
        var manage = ManageLinks.ApiPath(confirmation.ManageUrl!);

        var moved = await api.Api.ClientWith(null).PostAsJsonAsync($"{manage}/reschedule", new { start = slots[^1].Start, timeZone = "UTC" });
        var cancelled = await api.Api.ClientWith(null).PostAsJsonAsync($"{manage}/cancel", new { });

        Assert.False(confirmation.Booking.CanChange);
        Assert.Empty(confirmation.Booking.Slots);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.EndsWith("/booking-too-late", (await moved.Content.ReadFromJsonAsync<ProblemView>(BookingLinkRequests.Json))!.Type);
        Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Equal(slots[0].Start, Assert.Single(api.InGreenhouse(link)).Start.DateTime);
    }

    [Fact]
    public async Task Given_an_org_whose_rules_forbid_changes_within_two_weeks_when_a_link_leaves_the_cutoff_out_then_the_booking_follows_the_org()
    {
        var target = api.NextTarget();
        var policy = api.Path("availability-link-policy");
        (await api.Client.PutAsJsonAsync(policy, new { bookingChangeCutoffHours = 336 })).EnsureSuccessStatusCode();
        try
        {
            var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]], changeCutoffHours: null);
            var slots = (await api.OpenAsync(link.ApiPath)).Slots;
            var confirmation = (await (await api.BookAsync(link.ApiPath, slots[0].Start)).Content.ReadFromJsonAsync<BookingConfirmationView>(BookingLinkRequests.Json))!;

            Assert.False(confirmation.Booking.CanChange);
            Assert.Equal(slots[0].Start.AddHours(-336), confirmation.Booking.ChangeDeadline);
            await api.SettledAsync(link.Link.ScheduleId);
        }
        finally
        {
            (await api.Client.PutAsJsonAsync(policy, new { bookingChangeCutoffHours = 24 })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Given_tokens_that_are_not_booking_links_when_they_are_used_then_each_is_refused_without_touching_a_booking()
    {
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var token = link.ApiPath["/api/v1/booking-links/".Length..];
        var availability = await api.IssueLinkAsync(target.ApplicationId);
        var anonymous = api.Api.ClientWith(null);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/booking-links/{token[..^2]}xy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/bookings/{token}")).StatusCode); // a booking token is not a manage token
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/booking-links/{availability.ApiPath.Split('/')[^1]}")).StatusCode);

        var revoked = await api.Client.DeleteAsync(api.Path($"booking-links/{link.Link.Id}"));
        Assert.Equal("revoked", (await revoked.Content.ReadFromJsonAsync<BookingLinkTestView>(BookingLinkRequests.Json))!.Status);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(link.ApiPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await api.BookAsync(link.ApiPath, BookingLinkRequests.FirstDay.AddHours(10))).StatusCode);
        Assert.Empty(api.InGreenhouse(link));
    }
}

public sealed record ProblemView(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
