using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Schedules;

/// <summary>An org whose key lacks Add E-mail: scheduling works, emails are sent, and each schedule says they were not logged.</summary>
public sealed class DegradedModeSpecs(DegradedModeSpecs.WithoutAddEmail api) : IClassFixture<DegradedModeSpecs.WithoutAddEmail>
{
    public sealed class WithoutAddEmail : ConnectedApi
    {
        protected override IEnumerable<string>? Permissions => HarvestSandbox.HarvestPermissions.AllIds.Where(p => p != "candidates.add_email");
    }

    [Fact]
    public async Task Given_a_key_without_Add_Email_when_scheduling_then_the_email_is_sent_not_logged_and_the_schedule_says_why()
    {
        var target = api.Greenhouse.FindSchedulingTarget(2)!;
        var id = await api.ScheduleOneAsync(target);

        var schedule = await api.SettledAsync(id);

        Assert.Equal("synced", schedule.GetProperty("interviews")[0].GetProperty("writeBack").GetString());
        var sent = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"emails?applicationId={target.ApplicationId}"));
        Assert.Contains(sent.GetProperty("items").EnumerateArray(), e => e.GetProperty("scheduleId").GetString() == id);
        Assert.DoesNotContain(api.Greenhouse.Emails(target.CandidateId), e => e.Body.Contains("GemScheduling ref", StringComparison.Ordinal));
        var log = schedule.GetProperty("mutations").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "log_email");
        Assert.Equal("skipped", log.GetProperty("status").GetString());
        Assert.Contains(schedule.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Candidates: Add E-mail", StringComparison.Ordinal));
    }
}

/// <summary>An org whose key lacks Create a scheduled interview: scheduling itself answers with the missing permission.</summary>
public sealed class MissingCreatePermissionSpecs(MissingCreatePermissionSpecs.WithoutCreate api) : IClassFixture<MissingCreatePermissionSpecs.WithoutCreate>
{
    public sealed class WithoutCreate : ConnectedApi
    {
        protected override IEnumerable<string>? Permissions => HarvestSandbox.HarvestPermissions.AllIds.Where(p => p != "scheduled_interviews.create");
    }

    [Fact]
    public async Task Given_a_key_without_Create_a_scheduled_interview_then_scheduling_is_refused_naming_the_permission()
    {
        var target = api.Greenhouse.FindSchedulingTarget()!;
        var start = api.NextSlot();

        var response = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scheduled_interviews.create", problem.GetProperty("permission").GetString());
        Assert.Contains("Manage Permissions", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(api.Greenhouse.CallLog(), c => c.Permission == "scheduled_interviews.create" && c.Status is >= 200 and < 300);
    }
}

/// <summary>A v3 credential without harvest:notes:create: interviews reach Greenhouse, the note and the email log are skipped visibly.</summary>
public sealed class DegradedModeV3Specs(DegradedModeV3Specs.WithoutNotesCreate api) : IClassFixture<DegradedModeV3Specs.WithoutNotesCreate>
{
    public sealed class WithoutNotesCreate : ConnectedApiV3
    {
        protected override IEnumerable<string>? V3Scopes => HarvestSandbox.HarvestV3Scopes.AllIds.Where(s => s != "harvest:notes:create");
    }

    [Fact]
    public async Task Given_v3_credentials_without_notes_create_when_scheduling_then_interviews_sync_and_the_note_and_email_log_are_skipped_with_the_scope_named()
    {
        var target = api.Greenhouse.FindSchedulingTarget(2)!;
        var id = await api.ScheduleOneAsync(target);

        var schedule = await api.SettledAsync(id);

        Assert.Equal("synced", schedule.GetProperty("interviews")[0].GetProperty("writeBack").GetString());
        Assert.Single(api.Greenhouse.ScheduledInterviews(), i => i.ExternalEventId?.StartsWith($"gs-{id}-", StringComparison.Ordinal) == true);
        var mutations = schedule.GetProperty("mutations").EnumerateArray().ToList();
        Assert.Equal("skipped", mutations.Single(m => m.GetProperty("kind").GetString() == "add_note").GetProperty("status").GetString());
        Assert.Equal("skipped", mutations.Single(m => m.GetProperty("kind").GetString() == "log_email").GetProperty("status").GetString());
        Assert.Contains(schedule.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("harvest:notes:create", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Greenhouse.CallLog(), c => c.Permission == "harvest:notes:create" && c.Status is >= 200 and < 300);
    }
}
