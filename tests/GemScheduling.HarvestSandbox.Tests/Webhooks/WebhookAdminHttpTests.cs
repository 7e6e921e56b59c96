using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests.Webhooks;

/// <summary>The webhook routes of /_admin.</summary>
public sealed class WebhookAdminHttpTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Given_the_admin_http_surface_When_a_hook_is_put_read_faulted_used_and_deleted_Then_each_step_round_trips()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = new Uri(org.Server.AdminAddress, $"orgs/{org.Org.Id}/");
        var rejected = org.Org.ListApplications(ApplicationStatus.Active)[0].Id;
        org.Org.RejectApplication(rejected);

        var put = await Read(await Http.PutAsync(new Uri(admin, "webhook"), Body($$"""{"url":"{{receiver.Url}}","secret":"{{WebhookReceiver.Secret}}","retry":"fast"}""")));
        await receiver.WaitForAsync(1);
        await Read(await Http.PutAsync(new Uri(admin, "webhook/faults"), Body("""{"duplicate":0,"out_of_order":0,"bad_signature":0,"delay":0}""")));
        var sent = await Read(await Http.PostAsync(new Uri(admin, "webhook/events"), Body("""{"action":"custom_event","payload":{"a":"<x>"}}""")), HttpStatusCode.Accepted);
        await Read(await Http.PostAsync(new Uri(admin, $"applications/{rejected}/unreject"), null));
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));
        using var getResponse = await Http.GetAsync(new Uri(admin, "webhook"));
        var getText = await getResponse.Content.ReadAsStringAsync();
        var deliveries = (await Read(await Http.GetAsync(new Uri(admin, "webhook/deliveries")))).AsArray();
        await Read(await Http.DeleteAsync(new Uri(admin, "webhook")));
        using var gone = await Http.GetAsync(new Uri(admin, "webhook"));

        Assert.Equal(receiver.Url.ToString(), put["url"]!.GetValue<string>());
        Assert.Equal("fast", put["retry"]!.GetValue<string>());
        Assert.DoesNotContain(WebhookReceiver.Secret, put.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.DoesNotContain(WebhookReceiver.Secret, getText);
        var view = JsonNode.Parse(getText)!;
        Assert.True(view["enabled"]!.GetValue<bool>());
        Assert.Equal(1, view["counters"]!["ping"]!["delivered"]!.GetValue<int>());
        Assert.Equal(1, view["counters"]!["custom_event"]!["delivered"]!.GetValue<int>());
        Assert.Equal(1, view["counters"]!["unreject_candidate"]!["attempts"]!.GetValue<int>());
        Assert.Equal(["ping", "custom_event", "unreject_candidate"], receiver.Received.Select(r => r.Action));
        Assert.Equal(sent["event_id"]!.GetValue<string>(), receiver.Received[1].EventId);
        Assert.Equal(rejected, receiver.Received[2].Payload["application"]!.Id());
        Assert.Equal(["ping", "custom_event", "unreject_candidate"], deliveries.Select(d => d!["action"]!.GetValue<string>()));
        Assert.All(deliveries, d => Assert.Equal(200, d!["status_code"]!.GetValue<int>()));
        Assert.All(deliveries, d => Assert.True(d!["signed_correctly"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("""{"out_of_order":1.5}""", "out_of_order")]
    [InlineData("""{"duplicate":-0.25}""", "duplicate")]
    [InlineData("""{"delay":0.5}""", "delay_by_ms")]
    public async Task Given_a_bad_fault_setting_When_put_over_http_Then_400_names_the_field(string body, string field)
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Scale = DataScale.Empty, RateLimit = null });
        var admin = new Uri(org.Server.AdminAddress, $"orgs/{org.Org.Id}/");

        var refused = await Read(await Http.PutAsync(new Uri(admin, "webhook/faults"), Body(body)), HttpStatusCode.BadRequest);

        Assert.Equal(field, refused["field"]!.GetValue<string>());
        Assert.Contains(field is "delay_by_ms" ? "DelayBy" : "between 0 and 1", refused["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Given_a_bad_retry_name_When_put_over_http_Then_400_names_retry_and_no_hook_is_saved()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Scale = DataScale.Empty, RateLimit = null });
        var admin = new Uri(org.Server.AdminAddress, $"orgs/{org.Org.Id}/");

        var refused = await Read(await Http.PutAsync(new Uri(admin, "webhook"), Body("""{"url":"http://127.0.0.1:9/x","secret":"s","retry":"sometimes"}""")), HttpStatusCode.BadRequest);

        Assert.Equal("retry", refused["field"]!.GetValue<string>());
        Assert.Null(org.Org.WebhookInfo());
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Read(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!;
        }
    }
}
