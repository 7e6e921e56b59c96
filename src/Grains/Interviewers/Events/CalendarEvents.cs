using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Interviewers.Events;

[GenerateSerializer]
public abstract record CalendarEvent;

/// <summary>A schedule's slots on this calendar, replacing its earlier ones; they lapse at <see cref="Until"/> unless confirmed.</summary>
[GenerateSerializer, Immutable, EventType("calendar.slots-held")]
public sealed record SlotsHeld(string ScheduleId, IReadOnlyList<BookedSlot> Slots, DateTimeOffset Until) : CalendarEvent;

[GenerateSerializer, Immutable, EventType("calendar.booking-confirmed")]
public sealed record BookingConfirmed(string ScheduleId) : CalendarEvent;

[GenerateSerializer, Immutable, EventType("calendar.booking-released")]
public sealed record BookingReleased(string ScheduleId) : CalendarEvent;

[GenerateSerializer, Immutable, EventType("calendar.settings-set")]
public sealed record InterviewerSettingsSet(InterviewerSettings Settings, string By) : CalendarEvent;
