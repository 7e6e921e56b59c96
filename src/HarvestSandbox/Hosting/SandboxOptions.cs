using Microsoft.Extensions.Logging;

namespace GemScheduling.HarvestSandbox;

public sealed record SandboxOptions
{
    /// <summary>Kestrel URL(s); port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    public int Seed { get; init; } = 42;

    /// <summary>Create one demo organization with a full-permission key derived from <see cref="Seed"/>.</summary>
    public bool DemoOrg { get; init; } = true;

    public DataScale DemoScale { get; init; } = DataScale.Demo;

    /// <summary>Rate limit of the demo org (requests per 10 s per key; null or 0 = off).</summary>
    public int? DemoRateLimit { get; init; } = 50;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The date generated data is laid out around (history before it, availability windows after it).
    /// Default: the sandbox clock's UTC date at start. Pin it for data that is identical across days.
    /// </summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>When set, /_admin requires <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Base of the URLs written into Link headers; default the bound address.</summary>
    public Uri? PublicBaseAddress { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    public bool LogToConsole { get; init; } = true;

    /// <summary>
    /// Also create an all-scope Harvest v3 OAuth client for the demo org (<see cref="SandboxState.DemoV3Credentials"/>).
    /// Off by default because it adds the org's "Integration Service User"; the standalone program turns it on.
    /// </summary>
    public bool DemoV3Credentials { get; init; }

    /// <summary>Calls kept in each organization's call log (oldest dropped first); also bounds the v3 token log.</summary>
    public int CallLogCapacity { get; init; } = 50_000;
}
