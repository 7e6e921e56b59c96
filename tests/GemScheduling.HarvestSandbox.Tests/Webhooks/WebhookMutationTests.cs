using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests.Webhooks;

/// <summary>Each UI-like mutation sends its Greenhouse action, with the ids the admin read of the record shows.</summary>
public sealed class WebhookMutationTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Given_an_application_taken_through_its_life_in_the_ui_When_each_step_happens_Then_each_sends_its_action_with_the_admin_reads_ids()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var org = hooked.Org;
        var jobId = org.ListJobs().First(j => j.Status == "open" && org.GetJobStages(j.Id).Count(s => s.Active) >= 2).Id;
        var stages = org.GetJobStages(jobId).Where(s => s.Active).ToList();

        var added = org.AddCandidate(new NewCandidate { FirstName = "Grace", LastName = "Hopper", Email = "grace.webhooks@navy.example", JobId = jobId });
        var (created, createdRead) = await NextAsync(hooked, $"applications/{added.ApplicationId}");
        org.UpdateCandidate(added.CandidateId, new CandidateChanges { Title = "Rear Admiral" });
        var (updated, candidateRead) = await NextAsync(hooked, $"candidates/{added.CandidateId}");
        org.MoveApplication(added.ApplicationId, stages[1].Id);
        var (moved, movedRead) = await NextAsync(hooked, $"applications/{added.ApplicationId}");
        org.RejectApplication(added.ApplicationId);
        var (rejected, rejectedRead) = await NextAsync(hooked, $"applications/{added.ApplicationId}");
        using (var unreject = await Http.PostAsync(Admin(hooked, $"applications/{added.ApplicationId}/unreject"), null))
        {
            Assert.Equal(HttpStatusCode.OK, unreject.StatusCode);
        }

        var (unrejected, unrejectedRead) = await NextAsync(hooked, $"applications/{added.ApplicationId}");
        org.HireApplication(added.ApplicationId);
        var (hired, hiredRead) = await NextAsync(hooked, $"applications/{added.ApplicationId}");

        Assert.Equal(
            ["new_candidate_application", "update_candidate", "candidate_stage_change", "reject_candidate", "unreject_candidate", "hire_candidate"],
            hooked.Receiver.Events.Select(e => e.Action));
        foreach (var (received, read) in new[] { (created, createdRead), (moved, movedRead), (rejected, rejectedRead), (unrejected, unrejectedRead) })
        {
            var application = received.Payload["application"]!;
            Assert.Equal(read.Id(), application.Id());
            Assert.Equal(read["status"]!.GetValue<string>(), application["status"]!.GetValue<string>());
            Assert.Equal(read["candidate_id"]!.GetValue<long>(), application["candidate"]!.Id());
            Assert.Equal(read["jobs"]![0]!.Id(), application["jobs"]![0]!.Id());
            Assert.Equal(read["current_stage"]!.Id(), application["current_stage"]!.Id());
            Assert.Equal(read["last_activity_at"]!.GetValue<string>()[..19] + "Z", application["last_activity_at"]!.GetValue<string>());
        }

        Assert.Equal(stages[0].Id, created.Payload["application"]!["current_stage"]!.Id());
        Assert.Equal(stages[1].Id, moved.Payload["application"]!["current_stage"]!.Id());
        Assert.NotNull(rejected.Payload["application"]!["rejected_at"]);
        Assert.NotNull(rejected.Payload["application"]!["rejection_reason"]!["id"]);
        Assert.Null(unrejected.Payload["application"]!["rejected_at"]);
        Assert.Equal(candidateRead.Id(), updated.Payload["candidate"]!.Id());
        Assert.Equal("Rear Admiral", updated.Payload["candidate"]!["title"]!.GetValue<string>());
        Assert.Null(updated.Payload["application"]);
        Assert.Equal("hired", hiredRead["status"]!.GetValue<string>());
        Assert.Equal(hiredRead.Id(), hired.Payload["application"]!.Id());
        Assert.Equal(hiredRead["candidate_id"]!.GetValue<long>(), hired.Payload["application"]!["candidate"]!.Id());
        Assert.Equal(jobId, hired.Payload["application"]!["jobs"]![0]!.Id());
    }

    [Fact]
    public async Task Given_a_prospect_added_in_the_ui_When_the_hook_fires_Then_new_prospect_application_has_no_current_stage()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var jobId = hooked.Org.ListJobs().First(j => j.Status == "open").Id;

        var added = hooked.Org.AddCandidate(new NewCandidate { FirstName = "Pat", LastName = "Prospect", JobId = jobId, Prospect = true });
        var (received, read) = await NextAsync(hooked, $"applications/{added.ApplicationId}");

        Assert.Equal("new_prospect_application", received.Action);
        Assert.Equal(read.Id(), received.Payload["application"]!.Id());
        Assert.True(received.Payload["application"]!["prospect"]!.GetValue<bool>());
        Assert.Null(received.Payload["application"]!["current_stage"]);
    }

    [Fact]
    public async Task Given_job_changes_in_the_ui_When_each_happens_Then_job_updated_carries_the_admin_reads_job_and_a_removed_stage_sends_job_interview_stage_deleted()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var org = hooked.Org;
        var jobId = org.ListJobs().First(j => j.Status == "open").Id;
        var stage = org.GetJobStages(jobId).First(s => s.Active);
        var userId = org.ListUsers().First(u => !org.HiringTeam(jobId).UserIds.Contains(u.Id)).Id;

        org.CloseJob(jobId);
        var (closed, closedRead) = await NextAsync(hooked, $"jobs/{jobId}");
        org.OpenJob(jobId);
        var (opened, _) = await NextAsync(hooked, $"jobs/{jobId}");
        org.SetJobConfidential(jobId, true);
        var (confidential, _) = await NextAsync(hooked, $"jobs/{jobId}");
        org.AddHiringManager(jobId, userId);
        var (team, _) = await NextAsync(hooked, $"jobs/{jobId}");
        org.DeactivateStage(stage.Id);
        var (stageDeleted, stagesRead) = await NextAsync(hooked, $"jobs/{jobId}/stages");
        org.DeactivateStage(stage.Id);
        await hooked.SettledAsync();

        Assert.Equal(["job_updated", "job_updated", "job_updated", "job_updated", "job_interview_stage_deleted"], hooked.Receiver.Events.Select(e => e.Action));
        Assert.Equal(closedRead.Id(), closed.Payload["job"]!.Id());
        Assert.Equal("closed", closed.Payload["job"]!["status"]!.GetValue<string>());
        Assert.NotNull(closed.Payload["job"]!["closed_at"]);
        Assert.Equal("open", opened.Payload["job"]!["status"]!.GetValue<string>());
        Assert.True(confidential.Payload["job"]!["confidential"]!.GetValue<bool>());
        Assert.Contains(userId, team.Payload["job"]!["hiring_team"]!["hiring_managers"]!.AsArray().Select(m => m!["user_id"]!.GetValue<long>()));
        var deleted = stageDeleted.Payload["job_interview_stage"]!;
        var stageRead = stagesRead.AsArray().Single(s => s!.Id() == stage.Id)!;
        Assert.Equal(stageRead.Id(), deleted.Id());
        Assert.Equal(jobId, deleted["job_id"]!.GetValue<long>());
        Assert.False(stageRead["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Given_an_interview_deleted_in_the_ui_When_the_hook_fires_Then_interview_deleted_carries_only_its_id()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var interviewId = hooked.Org.ScheduledInterviews()[0].Id;

        using (var deleted = await Http.DeleteAsync(Admin(hooked, $"scheduled_interviews/{interviewId}")))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var (received, read) = await NextAsync(hooked, "scheduled_interviews/deleted");

        Assert.Equal("interview_deleted", received.Action);
        Assert.Equal("""{"action":"interview_deleted","payload":{"interview":{"id":""" + interviewId + "}}}", received.Text);
        Assert.Contains(interviewId, read.AsArray().Select(d => d!["interview"]!.Id()));
    }

    [Fact]
    public async Task Given_stage_moves_racing_on_two_threads_When_the_hook_fires_Then_events_arrive_in_the_order_the_moves_were_applied()
    {
        await using var hooked = await HookedOrg.CreateAsync();
        var target = hooked.Org.FindSchedulingTarget()!;
        var stages = hooked.Org.GetJobStages(target.JobId).Where(s => s.Active).Select(s => s.Id).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 2).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 15; i++)
            {
                hooked.Org.MoveApplication(target.ApplicationId, stages[(t + i) % stages.Length]);
            }
        })));
        await hooked.SettledAsync();

        var applied = hooked.Org.Data.Applications.Find(target.ApplicationId)!.StageHistory.Select(s => s.JobStageId).TakeLast(30);
        Assert.Equal(applied, hooked.Receiver.Events.Select(e => e.Payload["application"]!["current_stage"]!.Id()));
    }

    private static Uri Admin(HookedOrg hooked, string path) => new(hooked.Test.Server.AdminAddress, $"orgs/{hooked.Org.Id}/{path}");

    /// <summary>Waits for the next event, then reads the record through the admin API as it is now.</summary>
    private static async Task<(ReceivedWebhook Event, JsonNode Read)> NextAsync(HookedOrg hooked, string adminPath)
    {
        await hooked.SettledAsync();
        var received = hooked.Receiver.Events[^1];
        using var response = await Http.GetAsync(Admin(hooked, adminPath));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (received, (await Json.ReadAsync(response))!);
    }
}
