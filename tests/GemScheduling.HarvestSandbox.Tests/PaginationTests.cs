using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class PaginationTests
{
    [Fact]
    public async Task Given_200_candidates_When_following_next_links_at_20_per_page_Then_10_pages_make_the_full_ordered_set()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var all = (await org.GetJsonAsync("v1/candidates?per_page=500")).AsArray().Ids();

        var (items, pages) = await org.ReadAllPagesAsync("v1/candidates?per_page=20");

        Assert.True(pages.Count >= 10, $"{pages.Count} pages");
        Assert.Equal(all, items.Select(i => i.Id()).ToList());
        Assert.Equal(all.Order().ToList(), all);
        Assert.Equal(200, all.Count);
    }

    [Fact]
    public async Task Given_300_applications_When_paging_by_25_Then_12_pages_prev_and_last_links_are_consistent()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var (items, pages) = await org.ReadAllPagesAsync("v1/applications?per_page=25");

        Assert.Equal(12, pages.Count);
        Assert.Equal(org.Org.Summary().Applications, items.Count);
        Assert.Equal(items.Count, items.Select(i => i.Id()).Distinct().Count());
        var first = Links.Parse(pages[0].Link);
        Assert.False(first.ContainsKey("prev"));
        Assert.Equal(new Uri(org.Server.BaseAddress, "v1/applications?page=12&per_page=25"), first["last"]);
        var middle = Links.Parse(pages[5].Link);
        Assert.Equal(new Uri(org.Server.BaseAddress, "v1/applications?page=5&per_page=25"), middle["prev"]);
        var last = Links.Parse(pages[^1].Link);
        Assert.False(last.ContainsKey("next"));
        Assert.True(last.ContainsKey("prev"));
    }

    [Fact]
    public async Task Given_skip_count_When_paging_Then_links_have_no_last_but_still_reach_every_item()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var (items, pages) = await org.ReadAllPagesAsync("v1/applications?per_page=40&skip_count=true");

        Assert.All(pages, p => Assert.False(Links.Parse(p.Link).ContainsKey("last")));
        Assert.Contains("skip_count=true", pages[0].Link);
        Assert.Equal(org.Org.Summary().Applications, items.Count);
    }

    [Fact]
    public async Task Given_everything_fits_on_one_page_When_listing_Then_there_is_no_link_header()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync("v1/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Links.Header(response));
        Assert.Equal(12, (await Json.ReadArrayAsync(response)).Count);
    }

    [Fact]
    public async Task Given_filters_When_paging_Then_links_carry_the_filters_and_the_body_is_a_bare_array()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var (items, pages) = await org.ReadAllPagesAsync("v1/applications?status=active&per_page=10");

        Assert.All(pages.Skip(1), p => Assert.Contains("status=active", p.Url.Query));
        Assert.All(items, i => Assert.Equal("active", i["status"]!.GetValue<string>()));
        Assert.Equal(org.Org.ListApplications(ApplicationStatus.Active).Count, items.Count);
    }

    [Fact]
    public async Task Given_the_repeated_params_quirk_When_following_links_exactly_Then_last_occurrence_wins_and_all_items_arrive()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { RateLimit = null, RepeatedLinkParams = true });

        var (items, pages) = await org.ReadAllPagesAsync("v1/candidates?per_page=20");

        Assert.Equal(10, pages.Count);
        Assert.Contains("page=2&page=3&per_page=20&per_page=20&per_page=20", pages[2].Url.Query);
        Assert.Equal(200, items.Select(i => i.Id()).Distinct().Count());
    }

    [Fact]
    public async Task Given_repeated_query_parameters_When_listing_Then_the_last_occurrence_is_effective()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var rows = (await org.GetJsonAsync("v1/candidates?page=1&page=2&per_page=7&per_page=3")).AsArray();
        var expected = (await org.GetJsonAsync("v1/candidates?per_page=6")).AsArray().Ids().Skip(3).ToList();

        Assert.Equal(expected, rows.Ids());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    public async Task Given_an_invalid_per_page_When_listing_Then_422_naming_per_page(string perPage)
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync($"v1/candidates?per_page={perPage}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["per_page"], await Json.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Given_per_page_above_500_When_listing_Then_500_is_used()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions
        {
            RateLimit = null,
            Scale = DataScale.Demo with { Candidates = 620, Applications = 620 },
        });

        using var response = await org.GetAsync("v1/candidates?per_page=1000");

        Assert.Equal(500, (await Json.ReadArrayAsync(response)).Count);
        Assert.Contains("per_page=500", Links.Parse(Links.Header(response))["next"].Query);
    }

    [Fact]
    public async Task Given_a_page_past_the_end_When_listing_Then_an_empty_array()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var rows = (await org.GetJsonAsync("v1/jobs?page=9")).AsArray();

        Assert.Empty(rows);
    }

    [Fact]
    public async Task Given_jobs_stages_for_a_job_When_listing_Then_it_is_not_paginated()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var jobId = org.Org.ListJobs()[0].Id;

        using var response = await org.GetAsync($"v1/jobs/{jobId}/stages?per_page=1");

        Assert.Null(Links.Header(response));
        Assert.True((await Json.ReadArrayAsync(response)).Count >= 3);
    }

    [Fact]
    public async Task Given_org_wide_interviews_When_paging_Then_page_contents_are_stable_and_complete()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var (items, _) = await org.ReadAllPagesAsync("v1/scheduled_interviews?per_page=9");

        Assert.Equal(org.Org.ScheduledInterviews().Select(i => i.Id), items.Select(i => i.Id()));
    }
}
