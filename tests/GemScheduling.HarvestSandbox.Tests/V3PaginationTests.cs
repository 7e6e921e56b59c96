using System.Net;
using System.Web;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>v3 cursor pagination (docs/HARVEST-CONTRACT.md §11): filters and per_page on the first request only, then rel="next" cursors.</summary>
public sealed class V3PaginationTests
{
    [Fact]
    public async Task Given_300_applications_and_per_page_7_When_following_next_links_Then_43_pages_equal_the_full_set_in_descending_id_order()
    {
        var org = await V3Org.CreateAsync();
        var all = org.Org.ListApplications().Select(a => a.Id).OrderDescending().ToList();

        var (items, pages) = await org.ReadAllPagesAsync("v3/applications?per_page=7");

        Assert.True(pages.Count >= 10);
        Assert.Equal((all.Count + 6) / 7, pages.Count);
        Assert.Equal(all, items.Select(i => i.Id()).ToList());
        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.Count));
        foreach (var (url, link, _) in pages.SkipLast(1))
        {
            var rels = Links.Parse(link);
            Assert.Equal(["next"], rels.Keys);
            Assert.Equal(new[] { "cursor" }, HttpUtility.ParseQueryString(rels["next"].Query).AllKeys.OfType<string>());
            Assert.DoesNotContain("rel=\"last\"", link!, StringComparison.Ordinal);
        }

        Assert.Null(pages[^1].Link);
    }

    [Fact]
    public async Task Given_a_filter_on_the_first_request_When_paging_Then_every_page_keeps_the_filter_and_per_page()
    {
        var org = await V3Org.CreateAsync();
        var active = org.Org.ListApplications(ApplicationStatus.Active).Select(a => a.Id).OrderDescending().ToList();

        var (items, pages) = await org.ReadAllPagesAsync("v3/applications?status=active&per_page=11");

        Assert.Equal(active, items.Select(i => i.Id()).ToList());
        Assert.All(items, i => Assert.Equal("in_process", i["status"]!.GetValue<string>()));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(11, p.Count));
        Assert.True(pages.Count >= 10);
    }

    [Fact]
    public async Task Given_rows_added_while_paging_When_following_the_cursor_Then_no_row_is_repeated_or_skipped()
    {
        var org = await V3Org.CreateAsync();
        var before = org.Org.ListApplications().Select(a => a.Id).OrderDescending().ToList();
        using var first = await org.GetAsync("v3/applications?per_page=50");
        var firstIds = (await Json.ReadArrayAsync(first)).Ids();

        var jobId = org.Org.ListJobs().First(j => j.Status == "open").Id;
        org.Org.AddCandidate(new NewCandidate { FirstName = "Late", LastName = "Arrival", JobId = jobId, Email = "late.arrival@v3.example" });
        var (rest, _) = await org.ReadAllPagesAsync(Links.Parse(Links.Header(first))["next"].PathAndQuery);

        Assert.Equal(before, firstIds.Concat(rest.Select(r => r.Id())).ToList());
    }

    [Theory]
    [InlineData("per_page=5")]
    [InlineData("status=active")]
    [InlineData("cursor=again")]
    [InlineData("page=2")]
    public async Task Given_a_cursor_When_another_query_parameter_is_added_Then_422_naming_cursor(string extra)
    {
        var org = await V3Org.CreateAsync();
        using var first = await org.GetAsync("v3/applications?per_page=5");
        var next = Links.Parse(Links.Header(first))["next"];

        using var response = await org.GetAsync(next.PathAndQuery + "&" + extra);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["cursor"], await Json.ErrorFieldsAsync(response));
        Assert.Null((await Json.ReadAsync(response))!["message"]);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("tampered")]
    [InlineData("other_endpoint")]
    public async Task Given_an_invalid_cursor_When_paging_Then_422(string kind)
    {
        var org = await V3Org.CreateAsync();
        using var first = await org.GetAsync("v3/applications?per_page=5");
        var cursor = HttpUtility.ParseQueryString(Links.Parse(Links.Header(first))["next"].Query)["cursor"]!;
        var path = kind switch
        {
            "garbage" => "v3/applications?cursor=abc",
            "tampered" => "v3/applications?cursor=" + (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..],
            _ => "v3/candidates?cursor=" + cursor,
        };

        using var response = await org.GetAsync(path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["cursor"], await Json.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    public async Task Given_per_page_outside_1_to_500_When_listing_Then_422(string perPage)
    {
        var org = await V3Org.CreateAsync();

        using var response = await org.GetAsync($"v3/candidates?per_page={perPage}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["per_page"], await Json.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Given_no_per_page_When_listing_Then_100_rows_and_500_is_the_maximum()
    {
        var org = await V3Org.CreateAsync();

        Assert.Equal(100, (await org.ListAsync("v3/candidates")).Count);
        Assert.Equal(200, (await org.ListAsync("v3/candidates?per_page=500")).Count);
    }

    [Fact]
    public async Task Given_a_merged_resource_When_paging_notes_by_cursor_Then_pages_equal_the_full_set()
    {
        var org = await V3Org.CreateAsync();
        var expected = org.Org.Notes().Select(n => n.Id)
            .Concat(org.Org.Emails().Select(e => e.Id))
            .Concat(org.Org.Activities().Select(a => a.Id))
            .OrderDescending().ToList();

        var perPage = Math.Max(1, expected.Count / 12);

        var (items, pages) = await org.ReadAllPagesAsync($"v3/notes?per_page={perPage}");

        Assert.Equal(expected, items.Select(i => i.Id()).ToList());
        Assert.True(pages.Count >= 10, $"{pages.Count} pages of {perPage} for {expected.Count} rows");
    }
}
