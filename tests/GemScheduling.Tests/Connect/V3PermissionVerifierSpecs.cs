using GemScheduling.Greenhouse;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Connect;

/// <summary>The v3 permission check names exactly which scope a credential lacks, and changes nothing in Greenhouse.</summary>
public sealed class V3PermissionVerifierSpecs(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly DataScale Tiny = DataScale.Demo with { Users = 8, Jobs = 3, Candidates = 10, Applications = 12 };

    /// <summary>Every scope GemScheduling uses (the sandbox knows more, such as job_hiring_managers, which it does not).</summary>
    public static TheoryData<string> Scopes() => new(GemScheduling.Harvest.HarvestV3Scopes.All.Select(s => s.Id));

    private SandboxTenant NewOrg()
    {
        var tenant = sandbox.NewOrg(Tiny, seed: 23);
        tenant.Org.SetV3RateLimit(1000);
        return tenant;
    }

    private static Task<PermissionReport> Verify(SandboxTenant tenant, SandboxV3Credentials credentials, long? actingUserId = null) =>
        new V3PermissionVerifier(TimeProvider.System).VerifyAsync(tenant.V3Client(credentials), actingUserId ?? tenant.OrganizerId, null, CancellationToken.None);

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Given_credentials_lacking_exactly_one_scope_then_the_report_names_exactly_that_one(string missing)
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials(HarvestSandbox.HarvestV3Scopes.AllIds.Where(s => s != missing));
        var fingerprint = tenant.Org.Fingerprint();

        var report = await Verify(tenant, credentials);

        Assert.Equal(PermissionReport.Valid, report.Key);
        Assert.Equal([missing], report.Missing);
        var check = report.Permissions.Single(p => p.Id == missing);
        Assert.Contains("Harvest V3 (OAuth)", check.HowToGrant);
        Assert.Contains(missing, check.HowToGrant);
        Assert.Contains(missing, check.Detail);
        Assert.NotEmpty(check.FeaturesAffected);
        Assert.Equal(fingerprint, tenant.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_every_scope_then_all_are_granted_and_the_sandbox_data_is_unchanged()
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials();
        var fingerprint = tenant.Org.Fingerprint();

        var report = await Verify(tenant, credentials);

        Assert.All(report.Permissions, p => Assert.Equal(PermissionCheck.Granted, p.Status));
        // 21 scopes, the Site Admin reads check and the confidential jobs check
        Assert.Equal(GemScheduling.Harvest.HarvestV3Scopes.All.Count + 2, report.Permissions.Count);
        Assert.Equal(fingerprint, tenant.Org.Fingerprint());
        var writes = tenant.Org.CallLog().Where(c => c.Method != "GET" && c.Permission != "auth.token").ToList();
        Assert.Equal(4, writes.Count);
        Assert.All(writes, w => Assert.True(w.Status is 404 or 422, $"{w.Method} {w.PathAndQuery} answered {w.Status}"));
    }

    [Fact]
    public async Task Given_an_organizer_who_may_not_manage_applications_then_the_interview_writes_are_missing_with_Greenhouses_reason()
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials();
        tenant.Org.SetUserCanManageApplications(tenant.OrganizerId, false);

        var report = await Verify(tenant, credentials);

        Assert.Equal(new[] { "harvest:interviews:create", "harvest:interviews:destroy", "harvest:interviews:update" }, report.Missing.Order());
        Assert.All(report.Permissions.Where(p => p.Status == PermissionCheck.Missing), p => Assert.Contains("manage", p.Detail));
    }

    [Fact]
    public async Task Given_revoked_credentials_then_they_are_reported_invalid_rather_than_every_scope_missing()
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials();
        tenant.Org.RevokeV3Credentials(credentials.ClientId);

        var report = await Verify(tenant, credentials);

        Assert.Equal(PermissionReport.Invalid, report.Key);
        Assert.Contains("invalid_client", report.KeyProblem);
        Assert.Empty(report.Missing);
    }

    [Fact]
    public async Task Given_the_orgs_own_rate_budget_taken_by_a_sync_then_the_checks_it_held_back_name_the_budget_not_Greenhouse()
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials();
        var full = new FullBudget();

        var report = await new V3PermissionVerifier(TimeProvider.System).VerifyAsync(tenant.V3Client(credentials, gate: full), tenant.OrganizerId, null, CancellationToken.None);

        Assert.Equal(PermissionReport.Unreachable, report.Key);
        Assert.Empty(report.Missing);
        var held = report.Permissions.Where(p => p.Status == PermissionCheck.Unknown && p.Id != "confidential_jobs.reach").ToList();
        Assert.NotEmpty(held);
        Assert.All(held, p => Assert.Contains("GemScheduling's own rate budget", p.Detail));
        Assert.All(held, p => Assert.DoesNotContain("did not answer in time", p.Detail));
        Assert.DoesNotContain(tenant.Org.CallLog(), c => c.Permission != "auth.token");
    }

    /// <summary>A budget a sync has filled for the next 20 s: every read and write is held back.</summary>
    private sealed class FullBudget : GemScheduling.Harvest.RateBudget.IHarvestRateGate
    {
        public Task WaitForTurnAsync(string budgetKey, GemScheduling.Harvest.HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken) =>
            throw new GemScheduling.Harvest.HarvestApiException(GemScheduling.Harvest.HarvestErrorKind.OverBudget, null, "in use", retryAfter: TimeSpan.FromSeconds(20),
                endpoint: "rate budget");

        public void Observe(string budgetKey, GemScheduling.Harvest.RateBudget.RateLimitObservation observation)
        {
        }
    }

    [Fact]
    public async Task Given_Greenhouse_failing_for_one_endpoint_then_that_scope_is_unknown_not_missing()
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials();
        tenant.Org.AddFault(FaultRule.Fail(503, "harvest:job_posts:list"));

        var report = await Verify(tenant, credentials);

        Assert.Equal(PermissionReport.Valid, report.Key);
        Assert.Empty(report.Missing);
        Assert.Equal(PermissionCheck.Unknown, report.Permissions.Single(p => p.Id == "harvest:job_posts:list").Status);
    }
}
