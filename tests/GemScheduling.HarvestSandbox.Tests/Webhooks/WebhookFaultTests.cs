using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;
using GemScheduling.HarvestSandbox.Webhooks;

namespace GemScheduling.HarvestSandbox.Tests.Webhooks;

/// <summary>Injected webhook faults do what they say, and repeat with the org's seed.</summary>
public sealed class WebhookFaultTests
{
    [Fact]
    public async Task Given_the_duplicate_fault_When_an_event_is_delivered_Then_the_same_event_id_and_body_arrive_twice()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        hooked.Org.SetWebhookFaults(new SandboxWebhookFaults(Duplicate: 1));
        var application = hooked.Org.ListApplications(ApplicationStatus.Active)[0];

        hooked.Org.RejectApplication(application.Id);
        await hooked.SettledAsync();

        var events = hooked.Receiver.Events;
        Assert.Equal(2, events.Count);
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal(events[0].Body, events[1].Body);
        Assert.All(events, e => Assert.True(e.SignedWith(WebhookReceiver.Secret)));
        Assert.Equal(["none", "duplicate"], hooked.Org.WebhookDeliveries().Where(d => d.Action == "reject_candidate").Select(d => d.Fault));
    }

    [Fact]
    public async Task Given_the_out_of_order_fault_When_two_events_are_raised_Then_the_second_arrives_first()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        hooked.Org.SetWebhookFaults(new SandboxWebhookFaults(OutOfOrder: 1));
        var target = hooked.Org.FindSchedulingTarget()!;
        var stages = hooked.Org.GetJobStages(target.JobId).Where(s => s.Active && s.Id != target.StageId).Select(s => s.Id).Take(2).ToArray();

        hooked.Org.MoveApplication(target.ApplicationId, stages[0]);
        hooked.Org.MoveApplication(target.ApplicationId, stages[1]);
        await hooked.SettledAsync();

        var received = hooked.Receiver.Events.Select(e => e.Payload["application"]!["current_stage"]!.Id());
        Assert.Equal([stages[1], stages[0]], received);
        Assert.Equal(["none", "out-of-order"], hooked.Org.WebhookDeliveries().Where(d => d.Action == "candidate_stage_change").Select(d => d.Fault));
    }

    [Fact]
    public async Task Given_the_bad_signature_fault_When_the_receiver_refuses_the_forgery_Then_the_retry_is_signed_correctly()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        hooked.Org.SetWebhookFaults(new SandboxWebhookFaults(BadSignature: 1));

        var eventId = hooked.Org.SendWebhook("update_candidate", new JsonObject { ["candidate"] = new JsonObject { ["id"] = 5 } });
        await hooked.SettledAsync();

        var attempts = hooked.Receiver.Events;
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(eventId, a.EventId));
        Assert.Equal([false, true], attempts.Select(a => a.SignedWith(WebhookReceiver.Secret)));
        Assert.Equal([401, 200], attempts.Select(a => a.AnsweredWith));
        var log = hooked.Org.WebhookDeliveries().Where(d => d.EventId == eventId).ToList();
        Assert.Equal([false, true], log.Select(d => d.SignedCorrectly));
        Assert.Equal(["bad-signature", "none"], log.Select(d => d.Fault));
    }

    [Fact]
    public async Task Given_the_delay_fault_When_an_event_is_delayed_Then_it_waits_without_holding_back_the_next_event()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var delay = TimeSpan.FromMilliseconds(700);
        hooked.Org.SetWebhookFaults(new SandboxWebhookFaults(Delay: 1, DelayBy: delay));
        var raisedAt = DateTimeOffset.UtcNow;

        var delayed = hooked.Org.SendWebhook("job_updated", new JsonObject { ["job"] = new JsonObject { ["id"] = 1 } });
        hooked.Org.SetWebhookFaults(SandboxWebhookFaults.None);
        var prompt = hooked.Org.SendWebhook("job_updated", new JsonObject { ["job"] = new JsonObject { ["id"] = 2 } });
        await hooked.SettledAsync();

        Assert.Equal([prompt, delayed], hooked.Receiver.Events.Select(e => e.EventId));
        var log = hooked.Org.WebhookDeliveries();
        var delayedAttempt = log.Single(d => d.EventId == delayed);
        Assert.Equal("delayed", delayedAttempt.Fault);
        Assert.True(delayedAttempt.SentAt - raisedAt >= delay - TimeSpan.FromMilliseconds(20), $"sent after {delayedAttempt.SentAt - raisedAt}");
        Assert.True(log.Single(d => d.EventId == prompt).SentAt - raisedAt < delay);
    }

    [Fact]
    public async Task Given_two_orgs_with_the_same_seed_and_fault_rates_When_the_same_events_are_sent_Then_the_same_events_meet_the_same_faults()
    {
        var faults = new SandboxWebhookFaults(Duplicate: 0.3, BadSignature: 0.3);
        var runs = new List<IReadOnlyList<string>>();
        foreach (var _ in new[] { 1, 2 })
        {
            await using var hooked = await HookedOrg.CreateAsync(options: new OrganizationOptions { Seed = 4242, RateLimit = null, Scale = DataScale.Empty });
            hooked.Org.SetWebhookFaults(faults);
            var ids = Enumerable.Range(0, 20).Select(i => hooked.Org.SendWebhook("custom", new JsonObject { ["n"] = i })).ToList();
            await hooked.SettledAsync();
            var log = hooked.Org.WebhookDeliveries();
            runs.Add(ids.Select(id => string.Join("+", log.Where(d => d.EventId == id).Select(d => d.Fault))).ToList());
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Contains(runs[0], f => f.Contains("duplicate"));
        Assert.Contains(runs[0], f => f.Contains("bad-signature"));
        Assert.Contains(runs[0], f => f == "none");
    }

    [Theory]
    [InlineData(1.5, 0, "Duplicate")]
    [InlineData(0, -0.1, "OutOfOrder")]
    [InlineData(0, double.NaN, "OutOfOrder")]
    public async Task Given_a_rate_outside_0_to_1_When_set_Then_it_is_refused_naming_the_member(double duplicate, double outOfOrder, string member)
    {
        var org = (await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Scale = DataScale.Empty, RateLimit = null })).Org;

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => org.SetWebhookFaults(new SandboxWebhookFaults(duplicate, outOfOrder)));

        Assert.Equal(member, refused.ParamName);
    }
}
