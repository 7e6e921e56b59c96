using GemScheduling.Greenhouse;
using GemScheduling.Harvest;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Tests.Infrastructure;
using HarvestPermissions = GemScheduling.Harvest.HarvestPermissions;

namespace GemScheduling.Tests.Connect;

/// <summary>The permission check names exactly what a key lacks, and changes nothing in Greenhouse.</summary>
public sealed class PermissionVerifierSpecs(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly DataScale Tiny = DataScale.Demo with { Users = 8, Jobs = 3, Candidates = 10, Applications = 12 };

    public static TheoryData<string> RequiredPermissions() => new(HarvestPermissions.Required.Select(p => p.Id));

    private static Task<PermissionReport> Verify(SandboxTenant tenant, string? key = null) =>
        new PermissionVerifier(TimeProvider.System).VerifyAsync(tenant.Client(apiKey: key), tenant.OrganizerId, CancellationToken.None);

    [Theory]
    [MemberData(nameof(RequiredPermissions))]
    public async Task Given_a_key_lacking_exactly_one_permission_then_the_report_names_exactly_that_one(string missing)
    {
        var tenant = sandbox.NewOrg(Tiny, permissions: HarvestSandbox.HarvestPermissions.AllIds.Where(p => p != missing));
        var fingerprint = tenant.Org.Fingerprint();

        var report = await Verify(tenant);

        Assert.Equal(PermissionReport.Valid, report.Key);
        Assert.Equal([missing], report.Missing);
        Assert.Equal(HarvestPermissions.All.Count - 1, report.Permissions.Count(p => p.Status == PermissionCheck.Granted));
        var check = report.Permissions.Single(p => p.Id == missing);
        Assert.Contains("Manage Permissions", check.HowToGrant);
        Assert.Contains("Can manage ALL organization's API Credentials", check.HowToGrant);
        Assert.NotEmpty(check.FeaturesAffected);
        Assert.Equal(fingerprint, tenant.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_a_key_with_every_permission_then_all_are_granted_and_the_sandbox_data_is_byte_for_byte_unchanged()
    {
        var tenant = sandbox.NewOrg(Tiny);
        var fingerprint = tenant.Org.Fingerprint();
        var summary = tenant.Org.Summary();

        var report = await Verify(tenant);

        Assert.All(report.Permissions, p => Assert.Equal(PermissionCheck.Granted, p.Status));
        Assert.Equal(fingerprint, tenant.Org.Fingerprint());
        Assert.Equal(summary, tenant.Org.Summary());
        var writes = tenant.Org.CallLog().Where(c => c.Method != "GET").ToList();
        Assert.Equal(5, writes.Count);
        Assert.All(writes, w => Assert.True(w.Status is 404 or 422, $"{w.Method} {w.PathAndQuery} answered {w.Status}"));
    }

    [Fact]
    public async Task Given_a_revoked_key_then_the_key_is_reported_invalid_rather_than_17_missing_permissions()
    {
        var tenant = sandbox.NewOrg(Tiny);
        tenant.Org.RevokeApiKey(tenant.ApiKey);

        var report = await Verify(tenant);

        Assert.Equal(PermissionReport.Invalid, report.Key);
        Assert.Empty(report.Missing);
        Assert.All(report.Permissions, p => Assert.Equal(PermissionCheck.Unknown, p.Status));
        Assert.Single(tenant.Org.CallLog()); // stops after the first 401
    }

    [Fact]
    public async Task Given_Greenhouse_failing_for_one_endpoint_then_that_permission_is_unknown_not_missing()
    {
        var tenant = sandbox.NewOrg(Tiny);
        tenant.Org.AddFault(FaultRule.Fail(500, "offices.list"));

        var report = await Verify(tenant);

        Assert.Equal(PermissionCheck.Unknown, report.Permissions.Single(p => p.Id == HarvestPermissions.OfficesList).Status);
        Assert.Empty(report.Missing);
    }
}
