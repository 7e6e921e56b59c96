using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using Ical.Net;

namespace GemScheduling.Tests.Schedules;

public sealed class InterviewerInvitationOnMemorySpecs(ConnectedApi api) : InterviewerInvitationSpecs(api), IClassFixture<ConnectedApi>;

public sealed class InterviewerInvitationOnPostgresSpecs(ConnectedApiOnPostgres api) : InterviewerInvitationSpecs(api), IClassFixture<ConnectedApiOnPostgres>;

/// <summary>
/// Interviewers get iCalendar invitations through the outbox: REQUEST when booked, the same UID with a higher SEQUENCE
/// when moved, CANCEL when cancelled or taken off the panel; each sent once, and parsed here as a calendar would (Ical.Net).
/// </summary>
public abstract class InterviewerInvitationSpecs(ConnectedApi api)
{
    private sealed record Invite(string To, string Kind, string Method, string Uid, int Sequence, DateTime Start, string Summary);

    [Fact]
    public async Task Given_a_loop_booked_moved_re_paneled_and_cancelled_then_each_interviewer_gets_one_invite_per_change_with_a_stable_UID_and_rising_SEQUENCE()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 3 + 1)!;
        var users = target.InterviewerUserIds;
        Assert.True(users.Count >= 2, "the target needs two interviewers");
        var email = (long id) => api.Greenhouse.GetUser(id).PrimaryEmailAddress;
        var start = api.NextSlot();
        var created = await api.Client.PostAsJsonAsync(api.Path("schedules"), new
        {
            applicationId = target.ApplicationId,
            interviews = new[]
            {
                new { interviewStepId = target.InterviewStepId, interviewers = new[] { new { userId = users[0] } }, start, end = start.AddHours(1), timeZone = "UTC" },
                new { interviewStepId = target.InterviewStepId, interviewers = new[] { new { userId = users[1] } }, start = start.AddHours(1), end = start.AddHours(2), timeZone = "UTC" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schedule = await api.SettledAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var id = schedule.GetProperty("id").GetString()!;
        var first = schedule.GetProperty("interviews")[0];
        var second = schedule.GetProperty("interviews")[1];
        var uid1 = first.GetProperty("externalEventId").GetString() + "@gemscheduling";
        var uid2 = second.GetProperty("externalEventId").GetString() + "@gemscheduling";
        var booked = await InvitesAsync(target.ApplicationId);

        // When the first interview moves a day and the second gets a new interviewer
        var moved = start.AddDays(1);
        await PatchAsync(id, "\"1\"", new
        {
            changes = new object[]
            {
                new { interviewId = first.GetProperty("id").GetString(), start = moved, end = moved.AddHours(1) },
                new { interviewId = second.GetProperty("id").GetString(), interviewers = new[] { new { userId = users[0] } } },
            },
        });
        await api.SettledAsync(id);
        var changed = (await InvitesAsync(target.ApplicationId)).Except(booked).ToList();

        // When the loop is cancelled
        (await api.Client.PostAsJsonAsync(api.Path($"schedules/{id}/cancel"), new { reason = "Candidate withdrew" })).EnsureSuccessStatusCode();
        await api.SettledAsync(id);
        var cancelled = (await InvitesAsync(target.ApplicationId)).Except(booked).Except(changed).ToList();

        Assert.Equal(
            Sorted([new Invite(email(users[0]), "interviewer_invitation", "REQUEST", uid1, 1, start.UtcDateTime, ""), new Invite(email(users[1]), "interviewer_invitation", "REQUEST", uid2, 1, start.AddHours(1).UtcDateTime, "")]),
            Sorted(booked));
        Assert.Contains(api.Greenhouse.GetCandidate(target.CandidateId).FirstName, booked[0].Summary);
        Assert.Equal(
            Sorted([
                new Invite(email(users[0]), "interviewer_invitation", "REQUEST", uid1, 2, moved.UtcDateTime, ""),
                new Invite(email(users[0]), "interviewer_invitation", "REQUEST", uid2, 2, start.AddHours(1).UtcDateTime, ""),
                new Invite(email(users[1]), "interviewer_cancellation", "CANCEL", uid2, 2, start.AddHours(1).UtcDateTime, ""),
            ]),
            Sorted(changed));
        Assert.Equal(
            Sorted([new Invite(email(users[0]), "interviewer_cancellation", "CANCEL", uid1, 3, moved.UtcDateTime, ""), new Invite(email(users[0]), "interviewer_cancellation", "CANCEL", uid2, 3, start.AddHours(1).UtcDateTime, "")]),
            Sorted(cancelled));
        var invitations = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"emails?applicationId={target.ApplicationId}&audience=interviewers&limit=500"));
        Assert.All(invitations.GetProperty("items").EnumerateArray(), e => Assert.Contains($"/console/schedules/{id}", e.GetProperty("body").GetString()));
        var candidateEmails = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"emails?applicationId={target.ApplicationId}"));
        Assert.DoesNotContain(candidateEmails.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString()!.StartsWith("interviewer", StringComparison.Ordinal));
    }

    private static List<Invite> Sorted(IEnumerable<Invite> invites) =>
        [.. invites.Select(i => i with { Summary = "" }).OrderBy(i => i.To, StringComparer.Ordinal).ThenBy(i => i.Uid, StringComparer.Ordinal).ThenBy(i => i.Kind, StringComparer.Ordinal)];

    private async Task PatchAsync(string id, string version, object body)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, api.Path($"schedules/{id}")) { Content = JsonContent.Create(body) };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue(version));
        var response = await api.Client.SendAsync(patch);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every interviewer invitation sent for the application, one row per calendar event in it, as a calendar reads them.</summary>
    private async Task<List<Invite>> InvitesAsync(long applicationId)
    {
        var sent = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"emails?applicationId={applicationId}&audience=interviewers&limit=500"));
        return [.. sent.GetProperty("items").EnumerateArray().SelectMany(e =>
        {
            var calendar = Calendar.Load(e.GetProperty("ics").GetString()!)!;
            return calendar.Events.Select(v => new Invite(e.GetProperty("to").GetString()!, e.GetProperty("kind").GetString()!, calendar.Method!, v.Uid!, v.Sequence,
                v.DtStart!.AsUtc, v.Summary ?? ""));
        })];
    }
}
