using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Schedules;
using Microsoft.Extensions.Time.Testing;

namespace GemScheduling.Grains.Tests;

/// <summary>The planner against an in-memory copy of Greenhouse: every problem of a request is named under its field, in one go.</summary>
public sealed class PlannerSpecs
{
    private const string Org = "org_planner";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly InterviewStep Onsite = new(71, "Onsite", Schedulable: true, 60, []);
    private static readonly InterviewStep Debrief = new(72, "Debrief", Schedulable: false, 30, []);
    private static readonly InterviewStep Retired = new(73, "Phone screen", Schedulable: true, 30, []);

    private readonly InMemoryGreenhouseReadModel _greenhouse = new();
    private readonly SchedulePlanner _planner;
    private ScheduleContext _context;

    public PlannerSpecs()
    {
        _planner = new SchedulePlanner(_greenhouse, null!, new FakeTimeProvider(Now)); // grains are only asked for jobs not synced yet
        _greenhouse.UpsertAsync(Org, [
            new GreenhouseUser(11, "Ada Lovelace", "Ada", "Lovelace", "ada@acme.example", ["ada@acme.example"], null, Disabled: false, SiteAdmin: false, Now),
            new GreenhouseUser(12, "Bob Gone", "Bob", "Gone", "bob@acme.example", ["bob@acme.example"], null, Disabled: true, SiteAdmin: false, Now),
        ], Now).GetAwaiter().GetResult();
        var job = new Job(300, "Engineer", "open", null, false, [], [], [], [], Now, null, Now);
        _context = new ScheduleContext(
            new Application(100, 200, 300, Application.Active, 51, "Onsite", false, Now, null, Now), null, job,
            [new JobStage(51, 300, "Onsite", 1, Active: true, [Onsite, Debrief], Now), new JobStage(50, 300, "Phone", 0, Active: false, [Retired], Now)], []);
    }

    private static InterviewRequest Interview(long step, DateTimeOffset start, params InterviewerRef[] who) =>
        new(step, who, start, start.AddHours(1), "Europe/London", null, null);

    private async Task<(IReadOnlyList<PlannedInterview> Plans, Dictionary<string, List<string>> Errors)> PlanAsync(params InterviewRequest[] requests)
    {
        var errors = new Dictionary<string, List<string>>();
        var plans = await _planner.PlanAsync(Org, _context, requests.Select((r, i) => ($"int_{i}", $"interviews[{i}]", r)).ToList(), errors);
        return (plans, errors);
    }

    [Fact]
    public async Task Given_a_valid_request_then_it_plans_the_interview_with_the_users_names_and_emails()
    {
        var (plans, errors) = await PlanAsync(Interview(71, Now.AddDays(1), new InterviewerRef(11, null), new InterviewerRef(null, "guest@partner.example")));

        Assert.Empty(errors);
        var plan = Assert.Single(plans);
        Assert.Equal(("Onsite", "Europe/London"), (plan.InterviewStepName, plan.TimeZone));
        Assert.Equal([new PlannedInterviewer(11, "ada@acme.example", "Ada Lovelace"), new PlannedInterviewer(null, "guest@partner.example", null)], plan.Interviewers);
    }

    [Fact]
    public async Task Given_a_context_loaded_with_its_interviewers_then_planning_takes_them_from_it_and_reads_only_the_others()
    {
        // Ada's record as the context read it (renamed since in the copy would be the same): planning must not read her again.
        var ada = (await _greenhouse.GetAsync<GreenhouseUser>(Org, 11))! with { Name = "Ada King" };
        _context = _context with { Users = [ada], UsersAsked = [11] };

        var (plans, errors) = await PlanAsync(Interview(71, Now.AddDays(1), new InterviewerRef(11, null)), Interview(71, Now.AddDays(2), new InterviewerRef(12, null)));

        Assert.Equal("Ada King", Assert.Single(plans[0].Interviewers).Name);
        Assert.Contains(errors, e => e.Key.StartsWith("interviews[1].interviewers[0]", StringComparison.Ordinal)); // Bob, read from the copy: disabled
    }

    [Fact]
    public async Task Given_a_request_wrong_in_every_way_then_each_field_is_named_once_with_its_reason()
    {
        var bad = new InterviewRequest(72, [new InterviewerRef(12, null), new InterviewerRef(99, null), new InterviewerRef(null, "not an email"), new InterviewerRef(11, "ada@acme.example")],
            Now.AddMinutes(-5), Now.AddMinutes(-10), "Mars/Olympus", new string('x', 501), "ftp://video.example");

        var (_, errors) = await PlanAsync(bad);

        Assert.Equal(
            ["interviews[0].end", "interviews[0].interviewStepId", "interviews[0].interviewers[0].userId", "interviews[0].interviewers[1].userId",
             "interviews[0].interviewers[2].email", "interviews[0].interviewers[3]", "interviews[0].location", "interviews[0].start",
             "interviews[0].timeZone", "interviews[0].videoConferencingUrl"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("not schedulable", errors["interviews[0].interviewStepId"].Single());
        Assert.Contains("disabled", errors["interviews[0].interviewers[0].userId"].Single());
    }

    [Fact]
    public async Task Given_a_step_of_an_inactive_stage_or_a_duplicate_interviewer_then_both_are_refused()
    {
        var (_, errors) = await PlanAsync(Interview(73, Now.AddDays(1), new InterviewerRef(11, null), new InterviewerRef(11, null)));

        Assert.Contains("not in an active stage", errors["interviews[0].interviewStepId"].Single());
        Assert.Contains("twice", errors["interviews[0].interviewers"].Single());
    }

    [Fact]
    public async Task Given_a_rejected_application_then_nothing_can_be_planned_for_it()
    {
        var rejected = _context with { Application = _context.Application with { Status = "rejected" } };
        var errors = new Dictionary<string, List<string>>();

        await _planner.PlanAsync(Org, rejected, [("int_0", "interviews[0]", Interview(71, Now.AddDays(1), new InterviewerRef(11, null)))], errors);

        Assert.Contains("not active", errors["applicationId"].Single());
    }

    [Fact]
    public void Given_two_interviews_that_overlap_then_the_later_one_is_named_and_back_to_back_is_fine()
    {
        PlannedInterview At(string id, int hour) => new(id, 71, "Onsite", [], Now.AddHours(hour), Now.AddHours(hour + 1), "UTC", null, null);
        var errors = new Dictionary<string, List<string>>();

        SchedulePlanner.CheckNoOverlap([("interviews[0]", At("a", 10)), ("interviews[1]", At("b", 11)), ("interviews[2]", At("c", 10))], errors);

        Assert.Equal(["interviews[2].start"], errors.Keys);
        Assert.Throws<ValidationFailedException>(() => SchedulePlanner.ThrowIfAny(errors));
    }
}
