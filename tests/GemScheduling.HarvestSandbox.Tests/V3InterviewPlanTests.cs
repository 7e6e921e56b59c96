using System.Globalization;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>The v3 interview plan chain: job interview stages → job interviews → interview kits → default interviewers.</summary>
public sealed class V3InterviewPlanTests
{
    private static string Csv(IEnumerable<long> ids) => string.Join(',', ids);

    [Fact]
    public async Task Given_every_job_interview_When_listing_interview_kits_Then_each_has_exactly_one_kit_with_a_stable_id_of_its_own()
    {
        var org = await V3Org.CreateAsync();

        var (steps, _) = await org.ReadAllPagesAsync("v3/job_interviews?per_page=500");
        var (kits, _) = await org.ReadAllPagesAsync("v3/interview_kits?per_page=500");
        var (again, _) = await org.ReadAllPagesAsync("v3/interview_kits?per_page=7");

        Assert.Equal(steps.Select(s => s.Id()).Order(), kits.Select(k => k["job_interview_id"]!.GetValue<long>()).Order());
        Assert.Equal(kits.Count, kits.Select(k => k.Id()).Distinct().Count());
        Assert.Empty(kits.Select(k => k.Id()).Intersect(steps.Select(s => s.Id())));
        Assert.Equal(kits.Select(k => k.Id()), again.Select(k => k.Id()));
        Assert.Equal(kits.Select(k => k.Id()).OrderDescending(), kits.Select(k => k.Id()));
        foreach (var kit in kits)
        {
            var step = steps.Single(s => s.Id() == kit["job_interview_id"]!.GetValue<long>());
            Assert.Equal(step["job_id"]!.GetValue<long>(), kit["job_id"]!.GetValue<long>());
            Assert.Equal(["id", "job_id", "job_interview_id", "exercises", "anonymize_candidate", "anonymize_resumes", "created_at", "updated_at"],
                kit.AsObject().Select(p => p.Key));
            Assert.False(string.IsNullOrEmpty(kit["exercises"]!.GetValue<string>()));
            var takeHome = step["scheduling_type"]!.GetValue<string>() == "take_home_test";
            Assert.Equal(takeHome, kit["anonymize_candidate"]!.GetValue<bool>());
            Assert.Equal(takeHome, kit["anonymize_resumes"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task Given_a_step_added_in_the_UI_When_listing_kits_and_default_interviewers_Then_it_has_a_new_kit_with_its_panel()
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;
        var panel = target.InterviewerUserIds.Take(2).ToList();

        var stepId = org.Org.AddInterviewStep(target.StageId, new NewInterviewStep { Name = "Pairing", DefaultInterviewerUserIds = panel });
        var kit = Assert.Single(await org.ListAsync($"v3/interview_kits?job_interview_ids={stepId}"))!;
        var defaults = await org.ListAsync($"v3/default_interviewers?interview_kit_ids={kit.Id()}");
        var byJob = await org.ListAsync($"v3/interview_kits?job_ids={target.JobId}&per_page=500");

        Assert.Equal(target.JobId, kit["job_id"]!.GetValue<long>());
        Assert.Equal(kit.Id(), byJob[0]!.Id());
        Assert.Equal(panel.Order(), defaults.Select(d => d!["user_id"]!.GetValue<long>()).Order());
        Assert.All(defaults, d => Assert.Equal(["id", "user_id", "interview_kit_id", "created_at", "updated_at"], d!.AsObject().Select(p => p.Key)));
        Assert.All(defaults, d => Assert.Equal(kit.Id(), d!["interview_kit_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Given_user_ids_When_listing_default_interviewers_Then_only_that_users_rows_across_kits()
    {
        var org = await V3Org.CreateAsync();
        var (all, _) = await org.ReadAllPagesAsync("v3/default_interviewers?per_page=500");
        var user = all.GroupBy(d => d["user_id"]!.GetValue<long>()).OrderByDescending(g => g.Count()).First();

        var rows = await org.ListAsync($"v3/default_interviewers?user_ids={user.Key}&per_page=500");
        var twoKits = all.Select(d => d["interview_kit_id"]!.GetValue<long>()).Distinct().Take(2).ToList();
        var byKits = await org.ListAsync($"v3/default_interviewers?interview_kit_ids={Csv(twoKits)}");

        Assert.Equal(user.Select(d => d.Id()).OrderDescending(), rows.Ids());
        Assert.Equal(all.Where(d => twoKits.Contains(d["interview_kit_id"]!.GetValue<long>())).Select(d => d.Id()), byKits.Ids());
    }

    [Fact]
    public async Task Given_a_deactivated_stage_When_listing_job_interviews_Then_its_slots_read_inactive_and_the_active_filter_splits_them()
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;
        var stage = org.Org.GetJobStages(target.JobId).First(s => s.Active && s.Id != target.StageId && s.Interviews.Count > 0);

        org.Org.DeactivateStage(stage.Id);
        var slots = await org.ListAsync($"v3/job_interviews?job_interview_stage_ids={stage.Id}");
        var active = await org.ListAsync($"v3/job_interviews?job_ids={target.JobId}&active=true&per_page=500");
        var inactiveStages = await org.ListAsync($"v3/job_interview_stages?job_ids={target.JobId}&active=false");

        Assert.Equal(stage.Interviews.Count, slots.Count);
        Assert.All(slots, s => Assert.False(s!["active"]!.GetValue<bool>()));
        Assert.Equal(Enumerable.Range(1, stage.Interviews.Count), slots.Select(s => s!["sort_order"]!.GetValue<int>()).Order());
        Assert.DoesNotContain(active, s => s!["job_interview_stage_id"]!.GetValue<long>() == stage.Id);
        Assert.Contains(stage.Id, inactiveStages.Ids());
        Assert.All(slots, s => Assert.True(DateTimeOffset.Parse(s!["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) >=
                                           DateTimeOffset.Parse(s["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Given_an_application_When_walking_the_plan_by_the_documented_filters_Then_its_current_step_leads_to_its_default_panel()
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;

        var current = Assert.Single(await org.ListAsync($"v3/application_stages?application_ids={target.ApplicationId}&current=true"))!;
        var stageId = current["job_interview_stage_id"]!.GetValue<long>();
        var slots = await org.ListAsync($"v3/job_interviews?job_interview_stage_ids={stageId}&scheduling_type=needs_scheduling");
        var kits = await org.ListAsync($"v3/interview_kits?job_interview_ids={Csv(slots.Ids())}");
        var defaults = await org.ListAsync($"v3/default_interviewers?interview_kit_ids={Csv(kits.Ids())}&per_page=500");

        Assert.Equal(target.StageId, stageId);
        Assert.Contains(target.InterviewStepId, slots.Ids());
        var kit = kits.Single(k => k!["job_interview_id"]!.GetValue<long>() == target.InterviewStepId)!;
        var expected = org.Org.GetJobStages(target.JobId).Single(s => s.Id == stageId).Interviews.Single(i => i.Id == target.InterviewStepId)
            .DefaultInterviewerUsers.Select(u => u.Id).Order();
        Assert.Equal(expected, defaults.Where(d => d!["interview_kit_id"]!.GetValue<long>() == kit.Id()).Select(d => d!["user_id"]!.GetValue<long>()).Order());
    }
}
