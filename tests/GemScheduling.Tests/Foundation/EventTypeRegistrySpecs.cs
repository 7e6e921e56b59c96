using System.Text.Json.Nodes;
using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Tests.Foundation;

/// <summary>Stored events stay readable after their CLR types evolve.</summary>
public sealed class EventTypeRegistrySpecs
{
    [EventType("spec.interview-moved")]
    public sealed record InterviewMoved(string InterviewId, DateTimeOffset StartsAt, string? Reason = null, int Attempt = 1);

    [EventType("spec.interviewer-swapped", Aliases = ["spec.panelist-replaced"])]
    public sealed record InterviewerSwapped(long OldUserId, long NewUserId);

    // An older shape stored "start" where the current type says "startsAt".
    private sealed class StartRenamedToStartsAt : IEventUpcaster
    {
        public string EventType => "spec.interview-moved";

        public void Upcast(JsonObject data)
        {
            if (data.Remove("start", out var start))
                data["startsAt"] = start;
        }
    }

    private static readonly EventTypeRegistry Registry = new([typeof(EventTypeRegistrySpecs).Assembly], [new StartRenamedToStartsAt()]);

    [Fact]
    public void Given_an_event_when_serialized_then_it_is_stored_under_its_stable_name_and_reads_back_equal()
    {
        var moved = new InterviewMoved("int-1", DateTimeOffset.Parse("2026-12-01T15:00:00Z"), "candidate asked");

        var (type, json) = Registry.Serialize(moved);

        Assert.Equal("spec.interview-moved", type);
        Assert.Equal(moved, Registry.Deserialize(type, json));
    }

    [Fact]
    public void Given_an_event_stored_before_a_field_was_added_then_the_new_field_takes_its_default()
    {
        var stored = """{"interviewId":"int-1","startsAt":"2026-12-01T15:00:00+00:00"}""";

        var moved = (InterviewMoved)Registry.Deserialize("spec.interview-moved", stored);

        Assert.Null(moved.Reason);
        Assert.Equal(1, moved.Attempt);
    }

    [Fact]
    public void Given_an_event_stored_with_a_field_since_renamed_then_the_upcaster_maps_it()
    {
        var stored = """{"interviewId":"int-1","start":"2026-12-01T15:00:00+00:00","reason":"moved"}""";

        var moved = (InterviewMoved)Registry.Deserialize("spec.interview-moved", stored);

        Assert.Equal(DateTimeOffset.Parse("2026-12-01T15:00:00Z"), moved.StartsAt);
    }

    [Fact]
    public void Given_an_event_stored_under_an_old_type_name_then_it_reads_as_the_renamed_type()
    {
        var swapped = Registry.Deserialize("spec.panelist-replaced", """{"oldUserId":4087854007,"newUserId":12}""");

        Assert.Equal(new InterviewerSwapped(4087854007, 12), swapped);
        Assert.Equal("spec.interviewer-swapped", Registry.NameOf(typeof(InterviewerSwapped)));
    }

    [Fact]
    public void Given_a_stored_event_with_members_this_build_does_not_know_then_they_are_ignored()
    {
        var swapped = Registry.Deserialize("spec.interviewer-swapped", """{"oldUserId":1,"newUserId":2,"addedLater":{"x":1}}""");

        Assert.Equal(new InterviewerSwapped(1, 2), swapped);
    }

    [Fact]
    public void Given_an_unknown_stored_type_then_reading_fails_loudly_instead_of_dropping_it()
    {
        Assert.Throws<InvalidOperationException>(() => Registry.Deserialize("spec.never-defined", "{}"));
    }
}
