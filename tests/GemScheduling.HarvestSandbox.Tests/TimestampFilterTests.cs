using System.Globalization;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>created_*/updated_* windows on every endpoint that documents them: after inclusive, before exclusive.</summary>
public sealed class TimestampFilterTests
{
    public static TheoryData<string, string, string> Windows() => new()
    {
        { "v1/applications", "created", "applied_at" },
        { "v1/candidates", "created", "created_at" },
        { "v1/candidates", "updated", "updated_at" },
        { "v1/users", "created", "created_at" },
        { "v1/users", "updated", "updated_at" },
        { "v1/jobs", "created", "created_at" },
        { "v1/jobs", "updated", "updated_at" },
        { "v1/job_posts", "created", "created_at" },
        { "v1/job_posts", "updated", "updated_at" },
        { "v1/job_stages", "created", "created_at" },
        { "v1/job_stages", "updated", "updated_at" },
        { "v1/scheduled_interviews", "created", "created_at" },
        { "v1/scheduled_interviews", "updated", "updated_at" },
        { "JOB/stages", "created", "created_at" },
        { "JOB/stages", "updated", "updated_at" },
        { "APP/scheduled_interviews", "created", "created_at" },
        { "APP/scheduled_interviews", "updated", "updated_at" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Given_a_window_When_listing_Then_items_are_those_at_or_after_the_start_and_before_the_end(string path, string filter, string field)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var appWithInterviews = org.Org.ScheduledInterviews().GroupBy(i => i.ApplicationId).OrderByDescending(g => g.Count()).First().Key;
        path = path.Replace("JOB", $"v1/jobs/{ids.JobId}", StringComparison.Ordinal)
            .Replace("APP", $"v1/applications/{appWithInterviews}", StringComparison.Ordinal);
        var separator = path.Contains('?') ? '&' : '?';
        var (all, _) = await org.ReadAllPagesAsync($"{path}{separator}per_page=500");
        var stamps = all.Select(i => (Id: i.Id(), At: DateTimeOffset.Parse(i[field]!.GetValue<string>(), CultureInfo.InvariantCulture))).ToList();
        var sorted = stamps.Select(s => s.At).Order().ToList();
        var from = sorted[sorted.Count / 4];
        var to = sorted[sorted.Count * 3 / 4];
        if (to == from)
        {
            to = from.AddMilliseconds(1);
        }
        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

        var (window, _) = await org.ReadAllPagesAsync($"{path}{separator}per_page=500&{filter}_after={Iso(from)}&{filter}_before={Iso(to)}");

        Assert.Equal(stamps.Where(s => s.At >= from && s.At < to).Select(s => s.Id), window.Select(i => i.Id()));
        Assert.Contains(stamps.First(s => s.At == from).Id, window.Select(i => i.Id()));
    }
}
