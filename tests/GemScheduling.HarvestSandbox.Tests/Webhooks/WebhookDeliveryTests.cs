using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;
using GemScheduling.HarvestSandbox.Webhooks;

namespace GemScheduling.HarvestSandbox.Tests.Webhooks;

/// <summary>How the sandbox delivers webhooks: ping, headers, signature, retries, giving up, disabling.</summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task Given_a_hook_being_saved_When_it_is_configured_Then_a_signed_ping_with_its_web_hook_id_is_sent_first()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        org.Org.ConfigureWebhook(receiver.Url, WebhookReceiver.Secret, SandboxWebhookRetryPolicy.Fast);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));

        var ping = Assert.Single(receiver.Received);
        Assert.Equal("""{"action":"ping","payload":{"web_hook_id":1}}""", ping.Text);
        Assert.True(ping.SignedWith(WebhookReceiver.Secret));
        Assert.Matches("^sha256 [0-9a-f]{64}$", ping.Signature);
        Assert.Equal("application/json", ping.Headers["Content-Type"]);
        Assert.Equal("Greenhouse-Webhooks-Sandbox", ping.Headers["User-Agent"]);
        Assert.True(Guid.TryParse(ping.EventId, out _));
        var delivery = Assert.Single(org.Org.WebhookDeliveries());
        Assert.Equal((ping.EventId, "ping", 1, 200, true, "none"), (delivery.EventId, delivery.Action, delivery.Attempt, delivery.StatusCode, delivery.SignedCorrectly, delivery.Fault));
        Assert.True(org.Org.WebhookInfo()!.Enabled);
        org.Org.RemoveWebhook();
    }

    [Fact]
    public async Task Given_a_candidate_renamed_with_markup_When_the_hook_fires_Then_the_body_is_escaped_and_the_signature_verifies_over_the_raw_bytes()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var candidateId = hooked.Org.ListApplications()[0].CandidateId;

        hooked.Org.UpdateCandidate(candidateId, new CandidateChanges { FirstName = "<b>Ada</b> & 'Co'" });
        await hooked.SettledAsync();

        var update = Assert.Single(hooked.Receiver.Events);
        Assert.Equal("update_candidate", update.Action);
        Assert.DoesNotContain("<", update.Text);
        Assert.Contains(@"\u003Cb\u003EAda", update.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(update.SignedWith(WebhookReceiver.Secret));
        Assert.False(update.SignedWith(WebhookReceiver.Secret + "x"));
        Assert.Equal("<b>Ada</b> & 'Co'", update.Payload["candidate"]!["first_name"]!.GetValue<string>());
        Assert.Equal(candidateId, update.Payload["candidate"]!.Id());
    }

    [Fact]
    public async Task Given_a_receiver_answering_500_then_204_When_an_event_is_sent_Then_it_is_retried_with_the_same_event_id_until_200()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        hooked.Receiver.AnswerNext(500, 204);

        var eventId = hooked.Org.SendWebhook("candidate_stage_change", new JsonObject { ["application"] = new JsonObject { ["id"] = 1 } });
        await hooked.SettledAsync();

        var attempts = hooked.Receiver.Events;
        Assert.Equal([500, 204, 200], attempts.Select(a => a.AnsweredWith));
        Assert.All(attempts, a => Assert.Equal(eventId, a.EventId));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Text, a.Text));
        var log = hooked.Org.WebhookDeliveries().Where(d => d.EventId == eventId).ToList();
        Assert.Equal([1, 2, 3], log.Select(d => d.Attempt));
        Assert.Equal([500, 204, 200], log.Select(d => d.StatusCode));
        Assert.Equal(new SandboxWebhookCounts(3, 1, 0, 0), hooked.Org.WebhookInfo()!.Counters["candidate_stage_change"]);
    }

    [Fact]
    public async Task Given_a_receiver_that_always_fails_When_an_event_is_sent_Then_the_sandbox_gives_up_after_the_policys_last_attempt()
    {
        var policy = new SandboxWebhookRetryPolicy([TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)], TimeSpan.FromSeconds(5));
        await using var hooked = await HookedOrg.CreateAsync(policy);
        hooked.Receiver.Answer = _ => 503;

        var eventId = hooked.Org.SendWebhook("job_updated", new JsonObject { ["job"] = new JsonObject { ["id"] = 7 } });
        await hooked.SettledAsync();
        await Task.Delay(200);

        Assert.Equal(4, hooked.Receiver.Events.Count);
        Assert.Equal([1, 2, 3, 4], hooked.Org.WebhookDeliveries().Where(d => d.EventId == eventId).Select(d => d.Attempt));
        Assert.Equal(new SandboxWebhookCounts(4, 0, 1, 0), hooked.Org.WebhookInfo()!.Counters["job_updated"]);
        Assert.Equal(0, hooked.Org.WebhookInfo()!.Pending);
    }

    [Fact]
    public async Task Given_a_receiver_slower_than_the_attempt_timeout_When_an_event_is_sent_Then_the_attempt_times_out_and_the_retry_succeeds()
    {
        var policy = new SandboxWebhookRetryPolicy([TimeSpan.FromMilliseconds(20)], TimeSpan.FromMilliseconds(300));
        await using var hooked = await HookedOrg.CreateAsync(policy);
        hooked.Receiver.StallNext(TimeSpan.FromSeconds(5));

        var eventId = hooked.Org.SendWebhook("interview_deleted", new JsonObject { ["interview"] = new JsonObject { ["id"] = 3 } });
        await hooked.SettledAsync();

        var log = hooked.Org.WebhookDeliveries().Where(d => d.EventId == eventId).ToList();
        Assert.Equal(2, log.Count);
        Assert.Null(log[0].StatusCode);
        Assert.StartsWith("Timed out", log[0].Error);
        Assert.Equal(200, log[1].StatusCode);
    }

    [Fact]
    public void Given_the_built_in_policies_Then_both_make_seven_attempts_and_greenhouses_gaps_are_the_documented_ones()
    {
        Assert.Equal(7, SandboxWebhookRetryPolicy.Greenhouse.MaxAttempts);
        Assert.Equal([1, 15, 60, 120, 240, 480], SandboxWebhookRetryPolicy.Greenhouse.Delays.Select(d => d.TotalMinutes));
        Assert.Equal(TimeSpan.FromSeconds(30), SandboxWebhookRetryPolicy.Greenhouse.AttemptTimeout);
        Assert.Equal(7, SandboxWebhookRetryPolicy.Fast.MaxAttempts);
    }

    [Fact]
    public async Task Given_no_hook_When_the_ui_mutates_Then_nothing_is_sent_and_after_removal_nothing_more()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var application = org.Org.ListApplications(ApplicationStatus.Active)[0];

        org.Org.RejectApplication(application.Id);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(1));
        var infoWithout = org.Org.WebhookInfo();
        org.Org.ConfigureWebhook(receiver.Url, WebhookReceiver.Secret, SandboxWebhookRetryPolicy.Fast);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));
        org.Org.RemoveWebhook();
        org.Org.UnrejectApplication(application.Id);
        await Task.Delay(200);

        Assert.Null(infoWithout);
        Assert.Equal("ping", Assert.Single(receiver.Received).Action);
        Assert.Equal("ping", Assert.Single(org.Org.WebhookDeliveries()).Action);
        Assert.Throws<InvalidOperationException>(() => org.Org.SendWebhook("ping", []));
    }

    [Fact]
    public async Task Given_a_receiver_failing_the_ping_When_the_ui_mutates_Then_the_hook_is_disabled_and_sends_nothing_until_saved_again()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(500);
        var application = org.Org.ListApplications(ApplicationStatus.Active)[0];

        org.Org.ConfigureWebhook(receiver.Url, WebhookReceiver.Secret, SandboxWebhookRetryPolicy.Fast);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));
        org.Org.HireApplication(application.Id);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));
        var disabled = org.Org.WebhookInfo()!;
        Assert.Throws<InvalidOperationException>(() => org.Org.SendWebhook("hire_candidate", []));
        org.Org.ConfigureWebhook(receiver.Url, WebhookReceiver.Secret, SandboxWebhookRetryPolicy.Fast);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));

        Assert.False(disabled.Enabled);
        Assert.Contains("HTTP 500", disabled.DisabledReason);
        Assert.Equal(["ping", "ping"], receiver.Received.Select(r => r.Action));
        Assert.Equal([500, 200], receiver.Received.Select(r => r.AnsweredWith));
        Assert.Equal(2, receiver.Received[1].Payload["web_hook_id"]!.GetValue<int>());
        Assert.True(org.Org.WebhookInfo()!.Enabled);
        org.Org.RemoveWebhook();
    }

    [Fact]
    public async Task Given_an_unknown_action_When_sent_through_the_hook_Then_it_arrives_exactly_as_given_under_the_returned_event_id()
    {
        await using var hooked = await HookedOrg.CreateAsync();

        var eventId = hooked.Org.SendWebhook("brand_new_event", new JsonObject { ["thing"] = new JsonObject { ["id"] = 42, ["note"] = "a+b" } });
        await hooked.SettledAsync();

        var received = Assert.Single(hooked.Receiver.Events);
        Assert.Equal(eventId, received.EventId);
        Assert.Equal("""{"action":"brand_new_event","payload":{"thing":{"id":42,"note":"a\u002Bb"}}}""", received.Text);
    }
}
