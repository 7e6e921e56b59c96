namespace GemScheduling.Greenhouse;

/// <summary>Who waits for whom when the org's Greenhouse budget is tight: writes, then interactive reads, then background sync.</summary>
public enum GreenhouseLane
{
    Write = 0,
    Interactive = 1,
    Background = 2,
}
