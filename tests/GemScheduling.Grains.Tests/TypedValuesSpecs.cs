using GemScheduling.Persistence.EventStore;
using GemScheduling.Schedules;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Grains.Tests;

/// <summary>Statuses, kinds, skip reasons and grain keys are types; their wire form stays what clients and stored events already hold.</summary>
public sealed class TypedValuesSpecs
{
    private static readonly EventTypeRegistry Events = new([typeof(ScheduleGrain).Assembly], [new LegacySkipReasons()]);

    [Fact]
    public void Given_a_write_request_when_stored_then_its_kind_keeps_the_name_stored_events_already_use()
    {
        var (type, json) = Events.Serialize(new MutationRequested("mut_1", MutationKind.CreateInterview, "int_1", null, null, DateTimeOffset.UnixEpoch));

        Assert.Equal("schedule.mutation-requested", type);
        Assert.Contains("\"kind\":\"create_interview\"", json);
        Assert.Equal(MutationKind.LogEmail, ((MutationRequested)Events.Deserialize(type, json.Replace("create_interview", "log_email"))).Kind);
    }

    [Theory]
    [InlineData("Harvest API key lacks \\u0022Candidates: Add Note\\u0022.", SkipReason.MissingPermission)]
    [InlineData("The candidate has no email address in Greenhouse, so no email was sent.", SkipReason.NoCandidateEmail)]
    [InlineData("Removed before it reached Greenhouse.", SkipReason.NotNeeded)]
    public void Given_a_skip_stored_before_skips_had_a_reason_when_read_then_its_reason_is_recovered(string sentence, SkipReason expected)
    {
        var legacy = $$"""{"mutationId":"mut_1","reason":"{{sentence}}","at":"2026-11-01T00:00:00+00:00"}""";

        var skipped = (MutationSkipped)Events.Deserialize("schedule.mutation-skipped", legacy);

        Assert.Equal(expected, skipped.Why);
    }

    [Fact]
    public void Given_a_skip_with_a_reason_when_read_back_then_the_reason_is_the_stored_one_not_a_guess_from_its_text()
    {
        var (type, json) = Events.Serialize(new MutationSkipped("mut_1", "the key lacks everything", DateTimeOffset.UnixEpoch, SkipReason.NotNeeded));

        Assert.Contains("\"why\":\"not_needed\"", json);
        Assert.Equal(SkipReason.NotNeeded, ((MutationSkipped)Events.Deserialize(type, json)).Why);
    }

    [Fact]
    public void Given_every_status_then_its_wire_name_reads_back_as_the_same_member()
    {
        Assert.Equal("synced", WriteBackStatus.Synced.Wire());
        Assert.Equal("add_note", MutationKind.AddNote.Wire());
        foreach (var kind in Enum.GetValues<MutationKind>())
            Assert.True(WireNames.TryParseWire<MutationKind>(kind.Wire(), out var back) && back == kind);
        Assert.False(WireNames.TryParseWire<ScheduleStatus>("Active", out _));
    }

    [Theory]
    [InlineData("org_abc/app-13224851001", "org_abc", 13224851001)]
    [InlineData("org_a/b/app-7", "org_a/b", 7)]
    public void Given_an_application_key_then_it_parses_to_its_org_and_application_and_formats_back(string key, string org, long application)
    {
        var parsed = ApplicationKey.Parse(key);

        Assert.Equal(new ApplicationKey(org, application), parsed);
        Assert.Equal(key, parsed.ToString());
    }

    [Theory]
    [InlineData("org_abc/app-")]
    [InlineData("org_abc/app-12x")]
    [InlineData("org_abc/12")]
    public void Given_a_key_that_is_not_an_application_key_then_parsing_says_so(string key) =>
        Assert.Throws<FormatException>(() => ApplicationKey.Parse(key));

    [Fact]
    public void Given_a_schedule_key_then_it_round_trips_and_refuses_extra_segments()
    {
        Assert.Equal(new ScheduleKey("org_abc", "sch_1"), ScheduleKey.Parse(IScheduleGrain.Key("org_abc", "sch_1")));
        Assert.Throws<FormatException>(() => ScheduleKey.Parse("org_abc/sch_1/x"));
        Assert.Throws<FormatException>(() => ScheduleKey.Parse("org_abc"));
    }

    [Fact]
    public void Given_drift_stored_before_kinds_were_types_then_it_reads_as_its_kind_and_is_written_back_the_same()
    {
        const string stored = """{"interviewId":"int_1","kind":"panel_changed_in_greenhouse","detail":"d","fingerprint":"panel_changed_in_greenhouse:int_1:d","at":"2026-11-01T00:00:00+00:00"}""";

        var drift = (DriftDetected)Events.Deserialize("schedule.drift-detected", stored);

        Assert.Equal(DriftKind.PanelChangedInGreenhouse, drift.Kind);
        Assert.Contains("\"kind\":\"panel_changed_in_greenhouse\"", Events.Serialize(drift).Json);
    }

    [Theory]
    [InlineData("gs-sch_1-int_2", "int_2")]
    [InlineData("gs-sch_10-int_2", null)] // another schedule whose id starts the same
    [InlineData("gs-sch_1-", null)]
    [InlineData(null, null)]
    public void Given_an_external_event_id_then_the_interview_is_read_only_from_this_schedules_ids(string? externalId, string? interview) =>
        Assert.Equal(interview, ScheduleTexts.InterviewIdIn("sch_1", externalId));
}
