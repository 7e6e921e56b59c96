using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Reliability;

/// <summary>
/// A NUL (or another control character, or an unpaired surrogate) in any text GemScheduling stores is refused with a
/// 422 naming the field, on memory and on PostgreSQL alike; and if one ever reaches the store, the store's refusal is
/// dropped instead of retried for ever, so every grain stays writable.
/// </summary>
public abstract class StoredTextSpecs(ConnectedApi api)
{
    public static TheoryData<string> Poisons() => new() { "a\u0000b", "bell\u0007", "esc\u001b[31m", "nel\u0085", "not\uFFFF" };

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task Given_a_valid_request_with_a_refused_character_in_a_text_field_then_it_is_422_naming_the_field_and_the_org_stays_writable(string poison)
    {
        var target = api.Greenhouse.FindSchedulingTarget(40)!;
        var start = api.NextSlot();
        object Interview(string? location = null) => new
        {
            interviewStepId = target.InterviewStepId, interviewers = new[] { new { userId = target.InterviewerUserIds[0] } },
            start, end = start.AddHours(1), timeZone = "UTC", location,
        };

        var requests = new (string Field, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("name", () => Send(HttpMethod.Post, api.Path("tokens"), $$"""{"name":{{Json(poison)}}}""")),
            ("interviews[0].location", () => Send(HttpMethod.Post, api.Path("schedules"),
                JsonSerializer.Serialize(new { applicationId = target.ApplicationId, interviews = new[] { Interview() } }).Replace("\"location\":null", $"\"location\":{Json(poison)}"))),
            ("timeZone", () => Send(HttpMethod.Put, api.Path($"interviewers/{target.InterviewerUserIds[0]}"), $$"""{"timeZone":{{Json("UTC" + poison)}}}""")),
            ("ics", () => Send(HttpMethod.Put, api.Path($"interviewers/{target.InterviewerUserIds[0]}"), $$"""{"ics":{{Json("BEGIN:VCALENDAR\r\nX:" + poison + "\r\nEND:VCALENDAR")}}}""")),
            ("subject", () => Send(HttpMethod.Put, api.Path("email-templates/scheduled"), $$"""{"subject":{{Json("Hi " + poison)}},"body":"Hello there"}""")),
        };

        foreach (var (field, send) in requests)
        {
            var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{field} ({api.Store}): {(int)response.StatusCode} {body}");
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _) || problem.GetProperty("errors").TryGetProperty("$", out _), $"{field}: {body}");
        }

        var after = await api.Client.PostAsJsonAsync(api.Path("tokens"), new { name = "after the poison" });
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        var schedule = await api.Client.PostAsJsonAsync(api.Path("schedules"), new { applicationId = target.ApplicationId, interviews = new[] { Interview("Room 1") } });
        Assert.Equal(HttpStatusCode.Created, schedule.StatusCode);
        await api.Client.PostAsJsonAsync(api.Path($"schedules/{(await schedule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}/cancel"), new { reason = "test over" });
    }

    [Theory]
    [InlineData("lone\uD800")]
    [InlineData("\uDC00low")]
    public async Task Given_an_unpaired_surrogate_in_JSON_then_it_is_read_as_U_FFFD_and_stored_safely(string poison)
    {
        var response = await Send(HttpMethod.Post, api.Path("tokens"), $$"""{"name":{{Json(poison)}}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var name = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
        Assert.Equal(poison.Replace('\uD800', '\uFFFD').Replace('\uDC00', '\uFFFD'), name);
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync(api.Path("tokens"), new { name = "after" })).StatusCode);
    }

    [Fact]
    public async Task Given_a_NUL_that_reaches_the_store_then_the_write_is_dropped_with_a_marker_and_the_grain_stays_writable()
    {
        var grains = api.Api.Services.GetRequiredService<IGrainFactory>();
        var org = grains.GetGrain<IOrgGrain>(api.OrgId);

        // Past the API's checks (straight to the grain), so the store itself refuses.
        var refused = await Assert.ThrowsAsync<UnstorableValueException>(() => org.IssueToken(new IssueApiToken("a\u0000b", TokenRole.Read, null, "test")));
        var issued = await org.IssueToken(new IssueApiToken("fine", TokenRole.Read, null, "test"));

        Assert.Contains("nothing was changed", refused.Message);
        Assert.Equal("fine", issued.View.Name);
        Assert.DoesNotContain(await org.ListTokens(), t => t.Name.Contains('\0'));
        var stream = await api.Api.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"org/{api.OrgId}");
        Assert.Contains(stream, e => e.EventType == WriteRejected.EventType);
    }

    [Fact]
    public async Task Given_Greenhouse_data_with_control_characters_when_synced_then_they_are_dropped_and_the_sync_succeeds()
    {
        var application = api.Greenhouse.ListApplications(ApplicationStatus.Active).First(a => !a.Prospect && a.Jobs.Count > 0);
        api.Greenhouse.UpdateCandidate(application.CandidateId, new CandidateChanges { FirstName = "Ada\u0000\u0007", Company = "Null\u0000Corp" });

        await api.SyncAsync("incremental");

        var candidate = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"candidates?limit=500"));
        var copied = candidate.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == application.CandidateId);
        Assert.Equal("Ada", copied.GetProperty("firstName").GetString());
        Assert.Equal("NullCorp", copied.GetProperty("company").GetString());
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string json) =>
        api.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    /// <summary>A JSON string literal for text that may not be valid UTF-16 (escaped by hand, as a hostile client would).</summary>
    private static string Json(string text) =>
        "\"" + string.Concat(text.Select(c => c is < ' ' or > '~' or '"' or '\\' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
}

public sealed class StoredTextOnMemorySpecs(ConnectedApi api) : StoredTextSpecs(api), IClassFixture<ConnectedApi>;

[Trait("Store", "PostgreSQL")]
public sealed class StoredTextOnPostgresSpecs(ConnectedApiOnPostgres api) : StoredTextSpecs(api), IClassFixture<ConnectedApiOnPostgres>;
