namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// The points an option earned per criterion; they add up to its score (0–100, higher is better).
/// Weights: earliness 35, fewer days 20, compactness 25, interviewer load 15, comfortable hours 5.
/// </summary>
public sealed record ScoreBreakdown(double Earliness, double FewerDays, double Compactness, double InterviewerLoad, double ComfortableHours)
{
    public const double EarlinessWeight = 35;
    public const double FewerDaysWeight = 20;
    public const double CompactnessWeight = 25;
    public const double InterviewerLoadWeight = 15;
    public const double ComfortableHoursWeight = 5;

    public double Total => Math.Round(Earliness + FewerDays + Compactness + InterviewerLoad + ComfortableHours, 2);
}
