using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class FingerprintTests
{
    [Fact]
    public async Task Given_only_rejected_writes_When_comparing_fingerprints_Then_the_org_is_byte_for_byte_unchanged()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { RateLimit = 1000 });
        var ids = SampleIds.From(org.Org);
        var readOnlyKey = org.Org.CreateApiKey(HarvestPermissions.Required17.Where(p => !p.IsWrite).Select(p => p.Id)).Key;
        var disabled = org.Org.ListUsers().First(u => u.Disabled).Id;
        var uiInterview = org.Org.ScheduledInterviews(createdViaHarvest: false).First().Id;
        var before = org.Org.Fingerprint();
        var writes = HarvestPermissions.All.Where(p => p.IsWrite).ToArray();

        var statuses = new List<HttpStatusCode>();
        foreach (var permission in writes)
        {
            // 403: no permission; 400: no On-Behalf-Of; 404: unknown and disabled On-Behalf-Of.
            statuses.Add(await Status(org, Endpoints.ValidRequest(org, permission, ids, readOnlyKey)));
            var noObo = Endpoints.ValidRequest(org, permission, ids);
            noObo.Headers.Remove("On-Behalf-Of");
            statuses.Add(await Status(org, noObo));
            foreach (var obo in new[] { 1L, disabled })
            {
                var request = Endpoints.ValidRequest(org, permission, ids);
                request.Headers.Remove("On-Behalf-Of");
                request.Headers.Add("On-Behalf-Of", obo.ToString(System.Globalization.CultureInfo.InvariantCulture));
                statuses.Add(await Status(org, request));
            }
        }

        // 404 paths, 422 bodies, refused PATCH/DELETE of a UI-created interview, 400 non-JSON.
        statuses.Add(await Status(org, org.Request(HttpMethod.Post, "v1/candidates/1/activity_feed/notes", """{"user_id":1,"body":"x","visibility":"public"}""", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Post, $"v1/candidates/{ids.CandidateId}/activity_feed/notes", "{}", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Post, $"v1/candidates/{ids.CandidateId}/activity_feed/emails", """{"cc":"x"}""", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Post, "v2/scheduled_interviews", """{"application_id":1}""", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Patch, "v2/scheduled_interviews/1", "{}", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Patch, $"v2/scheduled_interviews/{ids.ActionableInterviewId}", """{"end":"1999-01-01T00:00:00Z"}""", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Patch, $"v2/scheduled_interviews/{uiInterview}", """{"location":"x"}""", ids.OrganizerId)));
        statuses.Add(await Status(org, org.Request(HttpMethod.Delete, $"v1/scheduled_interviews/{uiInterview}", onBehalfOf: ids.OrganizerId)));
        var form = org.Request(HttpMethod.Post, "v2/scheduled_interviews", onBehalfOf: ids.OrganizerId);
        form.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("application_id", ids.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        statuses.Add(await Status(org, form));

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity }));
        Assert.Contains(HttpStatusCode.Forbidden, statuses);
        Assert.Contains(HttpStatusCode.UnprocessableEntity, statuses);
        Assert.Equal(before, org.Org.Fingerprint());
        Assert.Empty(org.Org.DeletedInterviews());

        using var accepted = await org.SendAsync(Endpoints.ValidRequest(org, HarvestPermissions.CandidatesAddNote, ids));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotEqual(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_a_request_refused_by_the_rate_limit_When_it_is_a_write_Then_nothing_is_stored()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { RateLimit = 1 });
        var ids = SampleIds.From(org.Org);
        using (await org.GetAsync("v1/offices")) { }
        var before = org.Org.Fingerprint();

        using var response = await org.SendAsync(Endpoints.ValidRequest(org, HarvestPermissions.ScheduledInterviewsCreate, ids));

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal(before, org.Org.Fingerprint());
        }
        else
        {
            // The 10-second window rolled over between the two calls; the write went through legitimately.
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task Given_read_only_calls_When_comparing_fingerprints_Then_unchanged()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var before = org.Org.Fingerprint();

        foreach (var path in new[] { "v1/applications", "v1/candidates", "v1/users", "v1/jobs", "v1/job_posts", "v1/job_stages", "v1/offices", "v1/scheduled_interviews" })
        {
            using var response = await org.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(before, org.Org.Fingerprint());
    }

    private static async Task<HttpStatusCode> Status(TestOrg org, HttpRequestMessage request)
    {
        using (request)
        using (var response = await org.SendAsync(request))
        {
            return response.StatusCode;
        }
    }
}
