using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Schedules;

/// <summary>
/// An org moves from a Harvest v1/v2 API key to v3 OAuth client credentials with schedules already in Greenhouse:
/// nothing is lost or written twice, and from then on every write goes through v3.
/// </summary>
public sealed class HarvestVersionSwitchSpecs(ConnectedApi api) : IClassFixture<ConnectedApi>
{
    private IReadOnlyList<SandboxInterview> InGreenhouse(string scheduleId) =>
        api.Greenhouse.ScheduledInterviews().Where(i => i.ExternalEventId?.StartsWith($"gs-{scheduleId}-", StringComparison.Ordinal) == true).ToList();

    private async Task<string> ScheduleAsync(SchedulingTarget target, int interviews)
    {
        var start = api.NextSlot();
        var response = await api.Client.PostAsJsonAsync(api.Path("schedules"), new
        {
            applicationId = target.ApplicationId,
            interviews = Enumerable.Range(0, interviews).Select(i => new
            {
                interviewStepId = target.InterviewStepId,
                interviewers = new object[] { new { userId = target.InterviewerUserIds[i % target.InterviewerUserIds.Count] } },
                start = start.AddHours(i), end = start.AddHours(i + 1), timeZone = "UTC",
            }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("synced", (await api.SettledAsync(id)).GetProperty("writeBack").GetString());
        return id;
    }

    [Fact]
    public async Task Given_schedules_written_through_v1_when_the_org_switches_to_v3_then_they_are_rescheduled_and_cancelled_through_v3_without_duplicates()
    {
        var moving = await ScheduleAsync(api.Greenhouse.FindSchedulingTarget(40)!, interviews: 2);
        var cancelling = await ScheduleAsync(api.Greenhouse.FindSchedulingTarget(43)!, interviews: 1);
        var before = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{moving}"));
        var greenhouseIds = before.GetProperty("interviews").EnumerateArray().Select(i => i.GetProperty("greenhouseInterviewId").GetInt64()).ToList();
        var organizer = api.Greenhouse.GetUser(await api.OrganizerIdAsync()).PrimaryEmailAddress;
        var switchedAt = DateTimeOffset.UtcNow;

        var switched = await api.Client.PutAsJsonAsync(api.Path("greenhouse"), api.V3Connect(api.Greenhouse.CreateV3Credentials(), organizer));

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("v3", (await switched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiVersion").GetString());

        // Reconciliation reads the v1-written interviews through v3 and finds nothing to report.
        var reconciled = await (await api.Client.PostAsync(api.Path($"schedules/{moving}/reconcile"), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, reconciled.GetProperty("drift").GetArrayLength());

        var moveTo = api.NextSlot();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, api.Path($"schedules/{moving}"))
        {
            Content = JsonContent.Create(new { changes = new[] { new { interviewId = before.GetProperty("interviews")[0].GetProperty("id").GetString(), start = moveTo, end = moveTo.AddMinutes(45) } } }),
        };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(patch)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsJsonAsync(api.Path($"schedules/{cancelling}/cancel"), new { reason = "Role filled" })).StatusCode);
        var afterMove = await api.SettledAsync(moving);
        var afterCancel = await api.SettledAsync(cancelling);
        var added = await ScheduleAsync(api.Greenhouse.FindSchedulingTarget(46)!, interviews: 1);

        Assert.Equal("synced", afterMove.GetProperty("writeBack").GetString());
        Assert.Equal(greenhouseIds, afterMove.GetProperty("interviews").EnumerateArray().Select(i => i.GetProperty("greenhouseInterviewId").GetInt64()));
        Assert.Equal(greenhouseIds.Order(), InGreenhouse(moving).Select(i => i.Id).Order()); // the same two interviews, no new ones
        Assert.Equal(moveTo, api.Greenhouse.FindScheduledInterview(greenhouseIds[0])!.Start.DateTime);
        Assert.Equal("cancelled", afterCancel.GetProperty("status").GetString());
        Assert.Empty(InGreenhouse(cancelling));
        Assert.Single(InGreenhouse(added));

        var writesSince = api.Greenhouse.CallLog().Where(c => c.Timestamp >= switchedAt && c.Method != "GET" && c.Permission != "auth.token").ToList();
        Assert.Contains(writesSince, c => c.Method == "PATCH" && c.PathAndQuery == $"/v3/interviews/{greenhouseIds[0]}");
        Assert.Contains(writesSince, c => c.Method == "DELETE" && c.PathAndQuery.StartsWith("/v3/interviews/", StringComparison.Ordinal));
        Assert.All(writesSince, c => Assert.StartsWith("/v3/", c.PathAndQuery));
    }
}
