namespace GemScheduling.Suggestions.Engine;

public enum RelaxationKind
{
    ShortenBreaks,
    RemoveBreaks,
    AnyOrder,
    AllowMoreDays,
    RaiseDailyLimit,
    RaiseWeeklyLimit,
    AllowLaterDates,
}
