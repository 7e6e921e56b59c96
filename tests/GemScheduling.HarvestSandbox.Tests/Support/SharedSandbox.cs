namespace GemScheduling.HarvestSandbox.Tests.Support;

/// <summary>
/// One sandbox server for the whole test run; tests isolate themselves by creating their own organization
/// (the sandbox is multi-tenant). Tests that need their own clock or options start their own server.
/// </summary>
public static class SharedSandbox
{
    private static readonly Lazy<Task<HarvestSandboxServer>> Server = new(() =>
        HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false }));

    public static Task<HarvestSandboxServer> GetAsync() => Server.Value;

    /// <summary>A fresh demo-scale organization (rate limiting off unless asked) with an all-permission key.</summary>
    public static async Task<TestOrg> CreateOrgAsync(OrganizationOptions? options = null, IEnumerable<string>? permissions = null)
    {
        var server = await GetAsync();
        return TestOrg.Create(server, options ?? new OrganizationOptions { RateLimit = null }, permissions);
    }
}
