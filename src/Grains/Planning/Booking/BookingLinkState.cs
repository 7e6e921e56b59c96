using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Planning.Booking;

[GenerateSerializer]
public abstract record BookingLinkEvent;

/// <summary>The schedule id is chosen here, so a booking repeated after a crash finds the schedule it made.</summary>
[GenerateSerializer, Immutable, EventType("booking-link.issued")]
public sealed record BookingLinkIssued(string LinkId, BookingPlan Plan, string ScheduleId, DateTimeOffset ExpiresAt, DateTimeOffset At, string By) : BookingLinkEvent;

[GenerateSerializer, Immutable, EventType("booking-link.revoked")]
public sealed record BookingLinkRevoked(DateTimeOffset At, string By) : BookingLinkEvent;

[GenerateSerializer, Immutable, EventType("booking-link.booked")]
public sealed record BookingLinkBooked(DateTimeOffset At) : BookingLinkEvent;

[GenerateSerializer, Immutable, EventType("booking-link.booking-cancelled")]
public sealed record BookingCancelledByCandidate(DateTimeOffset At) : BookingLinkEvent;

[GenerateSerializer]
public sealed class BookingLinkState
{
    [Id(0)] public BookingLinkIssued? Issued { get; set; }
    [Id(1)] public DateTimeOffset? RevokedAt { get; set; }
    [Id(2)] public DateTimeOffset? BookedAt { get; set; }
    [Id(3)] public DateTimeOffset? CancelledAt { get; set; }

    public BookingLinkStatus Status(DateTimeOffset now) =>
        Issued is null ? BookingLinkStatus.Unknown
        : CancelledAt is not null ? BookingLinkStatus.Cancelled
        : BookedAt is not null ? BookingLinkStatus.Booked
        : RevokedAt is not null ? BookingLinkStatus.Revoked
        : Issued.ExpiresAt <= now ? BookingLinkStatus.Expired
        : BookingLinkStatus.Open;

    public void Apply(BookingLinkEvent e)
    {
        switch (e)
        {
            case BookingLinkIssued issued:
                Issued = issued;
                break;
            case BookingLinkRevoked revoked:
                RevokedAt = revoked.At;
                break;
            case BookingLinkBooked booked:
                BookedAt = booked.At;
                break;
            case BookingCancelledByCandidate cancelled:
                CancelledAt = cancelled.At;
                break;
        }
    }
}
