namespace GemScheduling.Planning;

public sealed record CalendarFeedOptions
{
    /// <summary>Allow feeds on loopback and private networks (a self-hosted calendar server inside the company network).</summary>
    public bool AllowPrivateNetworks { get; init; }
}
