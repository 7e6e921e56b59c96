using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox.Webhooks;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Webhooks;
using WebhookOutcome = GemScheduling.Webhooks.WebhookOutcome;

namespace GemScheduling.Tests.Webhooks;

/// <summary>
/// Greenhouse webhooks end to end: the sandbox's UI changes delivered to the org's endpoint, verified, recorded and
/// applied by re-reading Greenhouse; forged and replayed deliveries change nothing. Run alone, since they time how
/// soon a change shows.
/// </summary>
[Collection(TimingSensitive.Name)]
public abstract class WebhookSpecs(WebhookApi api)
{
    /// <summary>The promise: a change in Greenhouse is visible through the API within this.</summary>
    private static readonly TimeSpan Visible = TimeSpan.FromSeconds(2);

    private async Task<long?> StageOfAsync(long applicationId) =>
        (await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"applications/{applicationId}"))).GetProperty("currentStage") is { ValueKind: JsonValueKind.Object } stage
            ? stage.GetProperty("id").GetInt64()
            : null;

    private async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
                Assert.Fail($"{what}: not within {within.TotalSeconds:0.#} s");
            await Task.Delay(25);
        }

        return clock.Elapsed;
    }

    private (HarvestSandbox.SchedulingTarget Target, long OtherStage) TargetWithAnotherStage()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var other = api.Greenhouse.GetJobStages(target.JobId).First(s => s.Id != target.StageId).Id;
        return (target, other);
    }

    [Fact]
    public async Task Given_webhooks_when_a_candidate_is_moved_to_another_stage_in_Greenhouse_then_the_application_context_shows_it_within_2_s()
    {
        var (target, other) = TargetWithAnotherStage();
        Assert.Equal(target.StageId, await StageOfAsync(target.ApplicationId));

        api.Greenhouse.MoveApplication(target.ApplicationId, other);

        await WaitUntilAsync(async () => await StageOfAsync(target.ApplicationId) == other, Visible, "the stage move");
        Assert.Contains(api.Greenhouse.WebhookDeliveries(), d => d.Action == "candidate_stage_change" && d.StatusCode == 200);
    }

    [Fact]
    public async Task Given_a_schedule_when_its_interview_is_deleted_in_the_Greenhouse_UI_then_the_schedule_shows_the_drift_within_2_s()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var id = await api.ScheduleOneAsync(target);
        var interview = (await api.SettledAsync(id)).GetProperty("interviews")[0].GetProperty("greenhouseInterviewId").GetInt64();

        api.Greenhouse.DeleteInterviewInUi(interview);

        await WaitUntilAsync(async () =>
            (await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{id}"))).GetProperty("drift").EnumerateArray()
            .Any(d => d.GetProperty("kind").GetString() == "deleted_in_greenhouse"), Visible, "the deleted interview's drift");
    }

    [Fact]
    public async Task Given_forged_deliveries_then_each_is_refused_with_401_and_nothing_changes()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var before = (await api.HookAsync())!.Hook;
        var body = $$$$$"""{"action":"candidate_stage_change","payload":{"application":{"id":{{{{{target.ApplicationId}}}}},"candidate":{"id":{{{{{target.CandidateId}}}}}}}}}""";
        var spaced = body.Replace(":", ": ").Replace(",", ", ");
        var genuine = Signed(body);

        var refused = new[]
        {
            await api.DeliverAsync(body, secret: "another-secret-that-is-long-enough-0123456789"),
            await api.DeliverAsync(body, secret: null),
            await api.DeliverAsync(spaced, signature: genuine), // the same JSON, other whitespace: not what was signed
            await api.DeliverAsync(body, signature: "sha256 " + new string('0', 64)),
        };

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Signature", problem.GetProperty("detail").GetString());
        var after = (await api.HookAsync())!.Hook;
        Assert.Equal(before.Accepted, after.Accepted);
        Assert.Equal(before.Rejected + refused.Length, after.Rejected);
        Assert.Equal(WebhookHealth.Failing, after.Health);
        Assert.Equal(target.StageId, await StageOfAsync(target.ApplicationId));
    }

    private static string Signed(string body) => WebhookSignature.Sign(WebhookApi.Secret, System.Text.Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Given_a_delivery_redelivered_with_its_event_id_then_it_is_acknowledged_and_applied_once()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var before = (await api.ProcessedAsync()).Hook;
        var body = $$$$$"""{"action":"update_candidate","payload":{"candidate":{"id":{{{{{target.CandidateId}}}}}}}}""";
        var eventId = Guid.NewGuid().ToString();

        var first = await api.DeliverAsync(body, eventId);
        var again = await api.DeliverAsync(body, eventId);

        Assert.Equal(WebhookOutcome.Accepted, (await first.Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome);
        Assert.Equal(WebhookOutcome.Duplicate, (await again.Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome);
        var after = (await api.ProcessedAsync()).Hook;
        Assert.Equal(before.Accepted + 1, after.Accepted);
        Assert.Equal(before.Processed + 1, after.Processed);
        Assert.Equal(before.Duplicates + 1, after.Duplicates);

        // The same event arriving several times at once (Greenhouse's retry racing its original): recorded once.
        var racing = Guid.NewGuid().ToString();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
            (await (await api.DeliverAsync(body, racing)).Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome));
        Assert.Equal(1, outcomes.Count(o => o == WebhookOutcome.Accepted));
        Assert.Equal(4, outcomes.Count(o => o == WebhookOutcome.Duplicate));
        Assert.Equal(after.Accepted + 1, (await api.ProcessedAsync()).Hook.Accepted);
    }

    [Fact]
    public async Task Given_a_delivery_without_an_event_id_then_its_body_de_duplicates_its_retries()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var body = """{"action":"update_candidate","payload":{"candidate":{"id":""" + target.CandidateId + """},"n":" """ + Guid.NewGuid() + "\"}}";

        var outcomes = new List<WebhookOutcome>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, api.DeliveryPath) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Signature", WebhookSignature.Sign(WebhookApi.Secret, System.Text.Encoding.UTF8.GetBytes(body)));
            outcomes.Add((await (await api.Anonymous.SendAsync(request)).Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome);
        }

        Assert.Equal([WebhookOutcome.Accepted, WebhookOutcome.Duplicate], outcomes);
    }

    [Fact]
    public async Task Given_deliveries_out_of_order_and_duplicated_then_the_application_ends_in_Greenhouses_latest_state()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var stages = api.Greenhouse.GetJobStages(target.JobId).Where(s => s.Id != target.StageId).Take(2).Select(s => s.Id).ToList();
        api.Greenhouse.SetWebhookFaults(new SandboxWebhookFaults(Duplicate: 1, OutOfOrder: 1));
        try
        {
            api.Greenhouse.MoveApplication(target.ApplicationId, stages[0]);
            api.Greenhouse.MoveApplication(target.ApplicationId, stages[1]);
            await api.Greenhouse.WebhooksSettledAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            api.Greenhouse.SetWebhookFaults(new SandboxWebhookFaults());
        }

        await api.ProcessedAsync();
        Assert.Equal(stages[1], await StageOfAsync(target.ApplicationId));
    }

    [Fact]
    public async Task Given_a_flood_of_1000_deliveries_then_every_one_is_acknowledged_and_processed_without_loss()
    {
        var candidates = Enumerable.Range(0, 50).Select(i => api.Greenhouse.FindSchedulingTarget(i)?.CandidateId).OfType<long>().Distinct().ToList();
        var before = (await api.ProcessedAsync()).Hook;
        var bodies = Enumerable.Range(0, 1000)
            .Select(i => $$$$$"""{"action":"update_candidate","payload":{"candidate":{"id":{{{{{candidates[i % candidates.Count]}}}}}}}}""").ToList();

        var statuses = new HttpStatusCode[bodies.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, bodies.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => statuses[i] = (await api.DeliverAsync(bodies[i])).StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var after = (await api.ProcessedAsync(TimeSpan.FromSeconds(120))).Hook;
        Assert.Equal(0, after.Pending);
        Assert.Equal(before.Accepted + 1000, after.Accepted);
        Assert.Equal(before.Processed + 1000, after.Processed);
    }

    [Fact]
    public async Task Given_healthy_webhooks_then_polling_stretches_and_a_forged_delivery_brings_it_back()
    {
        await api.DeliverAsync("""{"action":"ping","payload":{"web_hook_id":1}}""");
        var healthy = await SyncAsync();
        Assert.Equal(WebhookHealth.Healthy, healthy.GetProperty("webhooks").Deserialize<WebhookHealth>(Json.Options));
        Assert.Equal(30, healthy.GetProperty("intervalMinutes").GetDouble());

        await api.DeliverAsync("""{"action":"ping"}""", secret: "not-the-secret-but-long-enough-0123456789abc");
        var failing = await SyncAsync();
        Assert.Equal(WebhookHealth.Failing, failing.GetProperty("webhooks").Deserialize<WebhookHealth>(Json.Options));
        Assert.Equal(5, failing.GetProperty("intervalMinutes").GetDouble());

        await api.DeliverAsync("""{"action":"ping","payload":{"web_hook_id":1}}""");
        Assert.Equal(WebhookHealth.Healthy, (await SyncAsync()).GetProperty("webhooks").Deserialize<WebhookHealth>(Json.Options));

        async Task<JsonElement> SyncAsync() => (await api.Client.GetFromJsonAsync<JsonElement>(api.Path("sync"))).GetProperty("sync");
    }

    [Fact]
    public async Task Given_an_admin_sets_up_the_hook_then_the_setup_names_the_endpoint_and_events_and_a_generated_secret_is_shown_once()
    {
        var hook = (await api.HookAsync())!;
        Assert.EndsWith(api.DeliveryPath, hook.EndpointUrl);
        Assert.Contains("candidate_stage_change", hook.Events);
        Assert.Contains("interview_deleted", hook.Events);
        Assert.Null(hook.GeneratedSecret);
        Assert.DoesNotContain(WebhookApi.Secret, await api.Client.GetStringAsync(api.Path("greenhouse/webhook")));

        var tooShort = await api.Client.PutAsJsonAsync(api.Path("greenhouse/webhook"), new { secret = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Contains("secret", (await tooShort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var generated = (await (await api.Client.PutAsJsonAsync(api.Path("greenhouse/webhook"), new { })).Content.ReadFromJsonAsync<Api.Webhooks.WebhookSetup>(Json.Options))!;
        try
        {
            Assert.True(generated.GeneratedSecret!.Length >= 32);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.DeliverAsync("""{"action":"ping"}""")).StatusCode); // the old secret no longer verifies
            Assert.Equal(HttpStatusCode.OK, (await api.DeliverAsync("""{"action":"ping"}""", secret: generated.GeneratedSecret)).StatusCode);
            Assert.Null((await api.HookAsync())!.GeneratedSecret);

            Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync(api.Path("greenhouse/webhook"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.Client.DeleteAsync(api.Path("greenhouse/webhook"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.DeliverAsync("""{"action":"ping"}""", secret: generated.GeneratedSecret)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync(api.Path("greenhouse/webhook"))).StatusCode);
        }
        finally
        {
            (await api.Client.PutAsJsonAsync(api.Path("greenhouse/webhook"), new { secret = WebhookApi.Secret })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Given_hostile_deliveries_then_each_gets_a_problem_naming_what_is_wrong_and_the_store_keeps_working()
    {
        var before = (await api.ProcessedAsync()).Hook;
        var tooLarge = await api.DeliverAsync("{\"action\":\"ping\",\"x\":\"" + new string('a', 1024 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        var badEventId = await api.DeliverAsync("""{"action":"ping"}""", eventId: "has spaces\tand tabs");
        Assert.Equal(HttpStatusCode.BadRequest, badEventId.StatusCode);
        Assert.Contains("Greenhouse-Event-ID", (await badEventId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // Signed but unreadable: acknowledged (Greenhouse would retry a 4xx for 15 h) and recorded as such, applied to nothing.
        var notJson = await api.DeliverAsync("not json at all");
        Assert.Equal(WebhookOutcome.Ignored, (await notJson.Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome);

        // \u0000 and markup in the action (jsonb refuses the one, pages would render the other): recorded cleaned, and ignored.
        var hostileAction = await api.DeliverAsync("{\"action\":\"ping\\u0000<b>" + new string('x', 300) + "\",\"payload\":{\"candidate\":{\"id\":\"1\"}}}");
        Assert.Equal(WebhookOutcome.Ignored, (await hostileAction.Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome);

        var unknownOrg = await api.Anonymous.PostAsync("/api/v1/greenhouse-webhooks/org_doesnotexist000", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, unknownOrg.StatusCode);

        var after = (await api.ProcessedAsync()).Hook;
        Assert.Equal(before.Accepted + 2, after.Accepted);
        Assert.Contains(after.ByAction, a => a.Action == "(other)");
        Assert.All(after.ByAction, a => Assert.True(a.Action.Length <= WebhookChange.MaxActionLength && !a.Action.Contains('\0') && !a.Action.Contains('<')));
        Assert.Equal(WebhookOutcome.Accepted, (await (await api.DeliverAsync("""{"action":"update_candidate","payload":{"candidate":{"id":1}}}"""))
            .Content.ReadFromJsonAsync<Api.Webhooks.WebhookAcknowledgement>(Json.Options))!.Outcome);
    }
}

public sealed class WebhookSpecsInMemory(WebhookApi api) : WebhookSpecs(api), IClassFixture<WebhookApi>;

public sealed class WebhookSpecsOnPostgres(WebhookApiOnPostgres api) : WebhookSpecs(api), IClassFixture<WebhookApiOnPostgres>;

public sealed class WebhookSpecsOverV3(WebhookApiV3 api) : WebhookSpecs(api), IClassFixture<WebhookApiV3>;
