using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class PermissionTests
{
    public static TheoryData<string> AllPermissions()
    {
        var data = new TheoryData<string>();
        foreach (var p in HarvestPermissions.All)
        {
            data.Add(p.Id);
        }

        return data;
    }

    [Fact]
    public void Given_the_permission_list_Then_it_has_the_17_required_plus_2_and_stable_ids()
    {
        Assert.Equal(17, HarvestPermissions.Required17.Count);
        Assert.Equal(19, HarvestPermissions.All.Count);
        Assert.Equal(19, HarvestPermissions.All.Select(p => p.Id).Distinct().Count());
        Assert.Equal("Candidates: Add Note", HarvestPermissions.Get("candidates.add_note").DisplayName);
        Assert.Equal(
            [
                "applications.list", "candidates.list", "candidates.add_note", "candidates.add_email", "users.list",
                "scheduled_interviews.list_for_application", "scheduled_interviews.delete", "scheduled_interviews.create",
                "scheduled_interviews.update", "activity_feed.retrieve", "jobs.list", "jobs.retrieve", "job_posts.list",
                "job_posts.retrieve_for_job", "job_stages.list", "job_stages.list_for_job", "offices.list",
            ],
            HarvestPermissions.Required17.Select(p => p.Id));
    }

    [Theory]
    [MemberData(nameof(AllPermissions))]
    public async Task Given_a_key_missing_one_permission_When_calling_that_endpoint_Then_403_naming_it_and_nothing_is_stored(string permissionId)
    {
        var permission = HarvestPermissions.Get(permissionId);
        var org = await SharedSandbox.CreateOrgAsync(permissions: HarvestPermissions.AllIds.Where(id => id != permissionId));
        var ids = SampleIds.From(org.Org);
        var before = org.Org.Fingerprint();

        using var response = await org.SendAsync(Endpoints.ValidRequest(org, permission, ids));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var message = await Json.MessageAsync(response);
        Assert.Contains("This API key does not have permission to access this endpoint", message);
        Assert.Contains(permission.DisplayName, message);
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(AllPermissions))]
    public async Task Given_a_key_with_only_that_permission_When_calling_that_endpoint_Then_it_succeeds(string permissionId)
    {
        var permission = HarvestPermissions.Get(permissionId);
        var org = await SharedSandbox.CreateOrgAsync(permissions: [permissionId]);
        var ids = SampleIds.From(org.Org);

        using var response = await org.SendAsync(Endpoints.ValidRequest(org, permission, ids));

        Assert.True(response.IsSuccessStatusCode, $"{permission.Method} {permission.PathTemplate}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
