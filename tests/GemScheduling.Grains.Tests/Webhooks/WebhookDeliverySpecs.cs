using System.Text;
using GemScheduling.Webhooks;

namespace GemScheduling.Grains.Tests.Webhooks;

/// <summary>
/// Greenhouse's signature over the raw body, and what a verified delivery asks GemScheduling to read again
/// (docs/WEBHOOKS-CONTRACT.md §1 and §3), without a silo.
/// </summary>
public sealed class WebhookDeliverySpecs
{
    private const string Secret = "a-webhook-secret-of-at-least-32-characters";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_body_signed_with_the_secret_verifies_and_the_same_json_with_other_whitespace_does_not()
    {
        var body = Bytes("""{"action":"candidate_stage_change","payload":{"application":{"id":1,"candidate":{"id":2}}}}""");
        var signature = WebhookSignature.Sign(Secret, body);

        Assert.StartsWith("sha256 ", signature);
        Assert.True(WebhookSignature.Verify(Secret, body, signature));
        Assert.True(WebhookSignature.Verify(Secret, body, "SHA256 " + signature[7..].ToUpperInvariant()));
        var reserialized = Bytes("""{ "action": "candidate_stage_change", "payload": { "application": { "id": 1, "candidate": { "id": 2 } } } }""");
        Assert.False(WebhookSignature.Verify(Secret, reserialized, signature));
        Assert.False(WebhookSignature.Verify(Secret + "x", body, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha1 0123")]
    [InlineData("sha256 not-hex-at-all-not-hex-at-all-not-hex-at-all-not-hex-at-all-zz")]
    [InlineData("sha256 00")]
    public void A_missing_or_malformed_signature_header_never_verifies(string? header) =>
        Assert.False(WebhookSignature.Verify(Secret, Bytes("{}"), header));

    [Theory]
    [InlineData("""{"action":"candidate_stage_change","payload":{"application":{"id":10,"last_activity_at":"2026-12-01T10:00:00Z","candidate":{"id":20}}}}""", WebhookKind.Candidates, "20", "", "", "")]
    [InlineData("""{"action":"reject_candidate","payload":{"application":{"id":10,"candidate":{"id":21}}}}""", WebhookKind.Candidates, "21", "", "", "")]
    [InlineData("""{"action":"update_candidate","payload":{"candidate":{"id":22}}}""", WebhookKind.Candidates, "22", "", "", "")]
    [InlineData("""{"action":"delete_application","payload":{"application":{"id":11,"candidate_id":23,"job_id":5}}}""", WebhookKind.Candidates, "23", "11", "", "")]
    [InlineData("""{"action":"delete_candidate","payload":{"person":{"id":24,"deleted_application_ids":[12,13]}}}""", WebhookKind.Candidates, "24", "12,13", "", "")]
    [InlineData("""{"action":"merge_candidate","payload":{"person":{"id":25,"new_candidate_id":26}}}""", WebhookKind.Candidates, "25,26", "", "", "")]
    [InlineData("""{"action":"candidate_anonymized","payload":{"candidate_id":27,"anonymized_fields":["full_name"]}}""", WebhookKind.Candidates, "27", "", "", "")]
    [InlineData("""{"action":"job_updated","payload":{"job":{"id":30,"status":"open"}}}""", WebhookKind.Jobs, "", "", "30", "")]
    [InlineData("""{"action":"job_post_updated","payload":{"id":99,"job_id":31,"updated_at":"2026-12-01T10:00:00Z"}}""", WebhookKind.Jobs, "", "", "31", "")]
    [InlineData("""{"action":"job_post_deleted","payload":{"job_post":{"id":98,"job_id":32}}}""", WebhookKind.Jobs, "", "", "32", "")]
    [InlineData("""{"action":"job_interview_stage_deleted","payload":{"job_interview_stage":{"id":97,"job_id":33}}}""", WebhookKind.Jobs, "", "", "33", "")]
    [InlineData("""{"action":"interview_deleted","payload":{"interview":{"id":40}}}""", WebhookKind.InterviewsDeleted, "", "", "", "40")]
    [InlineData("""{"action":"ping","payload":{"web_hook_id":1}}""", WebhookKind.Ping, "", "", "", "")]
    [InlineData("""{"action":"offer_created","payload":{"id":1,"application_id":2}}""", WebhookKind.Unknown, "", "", "", "")]
    [InlineData("""{"action":"candidate_stage_change","payload":{"application":{"id":10}}}""", WebhookKind.Unknown, "", "", "", "")]
    public void Each_action_names_the_records_to_read_again(string body, WebhookKind kind, string candidates, string removed, string jobs, string interviews)
    {
        var change = WebhookChange.Parse(Bytes(body));

        Assert.NotNull(change);
        Assert.Equal(kind, change.Kind);
        Assert.Equal(candidates, string.Join(',', change.CandidateIds));
        Assert.Equal(removed, string.Join(',', change.RemovedApplicationIds));
        Assert.Equal(jobs, string.Join(',', change.JobIds));
        Assert.Equal(interviews, string.Join(',', change.InterviewIds));
    }

    [Fact]
    public void A_stage_change_carries_when_the_application_last_changed()
    {
        var change = WebhookChange.Parse(Bytes("""{"action":"candidate_stage_change","payload":{"application":{"id":1,"last_activity_at":"2026-12-01T10:00:00Z","candidate":{"id":2}}}}"""));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), change!.ChangedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"ping\"")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"action":42}""")]
    [InlineData("""{"action":"ping" """)]
    public void A_body_that_is_not_an_object_with_an_action_is_malformed(string body) => Assert.Null(WebhookChange.Parse(Bytes(body)));

    [Fact]
    public void Hostile_payloads_are_reduced_to_bounded_clean_ids_and_names()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.Null(WebhookChange.Parse(Bytes(deep)));

        var many = string.Join(',', Enumerable.Range(1, 5000));
        var flood = WebhookChange.Parse(Bytes("""{"action":"delete_candidate","payload":{"person":{"id":1,"deleted_application_ids":[""" + many + """,-5,"7",1e30]}}}"""));
        Assert.Equal(WebhookChange.MaxIds, flood!.RemovedApplicationIds.Count);
        Assert.All(flood.RemovedApplicationIds, id => Assert.True(id > 0));

        var named = WebhookChange.Parse(Bytes("{\"action\":\"ping\\u0000<script>" + new string('x', 500) + "\",\"payload\":{\"candidate\":{\"id\":-3}}}"));
        Assert.Equal(WebhookKind.Unknown, named!.Kind);
        Assert.True(named.Action.Length <= WebhookChange.MaxActionLength);
        Assert.DoesNotContain('\0', named.Action);
        Assert.DoesNotContain('<', named.Action);

        var negative = WebhookChange.Parse(Bytes("""{"action":"update_candidate","payload":{"candidate":{"id":-3}}}"""));
        Assert.Equal(WebhookKind.Unknown, negative!.Kind);
    }
}
