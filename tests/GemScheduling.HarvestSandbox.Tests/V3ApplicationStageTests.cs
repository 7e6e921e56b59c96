using System.Globalization;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary><c>/v3/application_stages</c>: the <c>current</c> flag and filter, and no current row for rejected, hired or converted applications.</summary>
public sealed class V3ApplicationStageTests
{
    private static DateTimeOffset? At(JsonNode row, string field) =>
        row[field] is { } value ? DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture) : null;

    [Fact]
    public async Task Given_generated_applications_When_listing_current_stages_Then_only_active_ones_with_a_stage_have_exactly_one_current_row()
    {
        var org = await V3Org.CreateAsync();
        var apps = org.Org.ListApplications();

        var (current, _) = await org.ReadAllPagesAsync("v3/application_stages?current=true&per_page=500");
        var (past, _) = await org.ReadAllPagesAsync("v3/application_stages?current=false&per_page=500");
        var (all, _) = await org.ReadAllPagesAsync("v3/application_stages?per_page=500");

        var expected = apps.Where(a => a.Status == "active" && a.CurrentStage is not null && !a.Prospect).Select(a => a.Id).Order();
        Assert.Equal(expected, current.Select(r => r["application_id"]!.GetValue<long>()).Order());
        Assert.All(current, r => Assert.True(r["current"]!.GetValue<bool>() && r["exited_at"] is null));
        Assert.All(past, r => Assert.True(!r["current"]!.GetValue<bool>() && r["exited_at"] is not null));
        Assert.Equal(all.Count, current.Count + past.Count);
        var terminal = apps.Where(a => a.Status is "rejected" or "hired" or "converted" && a.CurrentStage is not null).Select(a => a.Id).ToHashSet();
        Assert.NotEmpty(terminal);
        Assert.DoesNotContain(current, r => terminal.Contains(r["application_id"]!.GetValue<long>()));
        Assert.All(all, r => Assert.Equal(["id", "application_id", "job_interview_stage_id", "entered_at", "exited_at", "days_in_stage", "current",
            "created_at", "updated_at"], r.AsObject().Select(p => p.Key)));
        foreach (var rejected in apps.Where(a => a.Status == "rejected" && a.CurrentStage is not null).Take(20))
        {
            var last = all.Where(r => r["application_id"]!.GetValue<long>() == rejected.Id).MaxBy(r => r.Id())!;
            Assert.Equal(rejected.RejectedAt, At(last, "exited_at"));
        }
    }

    [Theory]
    [InlineData("reject")]
    [InlineData("hire")]
    public async Task Given_an_active_application_When_it_is_rejected_or_hired_Then_its_last_stage_is_exited_and_it_has_no_current_row(string how)
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;
        var before = Assert.Single(await org.ListAsync($"v3/application_stages?application_ids={target.ApplicationId}&current=true"))!;

        if (how == "reject")
        {
            org.Org.RejectApplication(target.ApplicationId);
        }
        else
        {
            org.Org.HireApplication(target.ApplicationId);
        }

        var current = await org.ListAsync($"v3/application_stages?application_ids={target.ApplicationId}&current=true");
        var stay = Assert.Single(await org.ListAsync($"v3/application_stages?ids={before.Id()}"))!;
        var app = Assert.Single(await org.ListAsync($"v3/applications?ids={target.ApplicationId}"))!;

        Assert.Empty(current);
        Assert.False(stay["current"]!.GetValue<bool>());
        Assert.NotNull(At(stay, "exited_at"));
        Assert.Equal(At(stay, "exited_at"), At(stay, "updated_at"));
        Assert.Equal(before.Id(), app["stage_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Given_job_interview_stage_ids_When_listing_Then_only_stays_in_those_stages_and_days_in_stage_counts_calendar_days()
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;

        var (rows, _) = await org.ReadAllPagesAsync($"v3/application_stages?job_interview_stage_ids={target.StageId}&per_page=200");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(target.StageId, r["job_interview_stage_id"]!.GetValue<long>()));
        Assert.Contains(rows, r => r["application_id"]!.GetValue<long>() == target.ApplicationId);
        foreach (var row in rows.Where(r => r["exited_at"] is not null))
        {
            var days = DateOnly.FromDateTime(At(row, "exited_at")!.Value.UtcDateTime).DayNumber - DateOnly.FromDateTime(At(row, "entered_at")!.Value.UtcDateTime).DayNumber;
            Assert.Equal(days, row["days_in_stage"]!.GetValue<int>());
        }

        Assert.All(rows, r => Assert.Equal(At(r, "entered_at"), At(r, "created_at")));
    }
}
