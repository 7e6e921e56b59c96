namespace GemScheduling.Greenhouse;

/// <summary>How the adapters read listings.</summary>
public sealed record GreenhouseOptions
{
    /// <summary>Records per page asked for (Harvest allows 1–500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// The most pages one listing may have. A Greenhouse that claims more (a huge <c>rel="last"</c>, endless next
    /// links) is not believed: 20,000 pages of 500 are ten million records, beyond any real org.
    /// </summary>
    public int MaxPagesPerListing { get; init; } = 20_000;

    /// <summary>The longest one call to Greenhouse may take, retries included (the operator's <c>Greenhouse:TotalTimeout</c>).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(25);
}
