namespace GemScheduling.HarvestSandbox.Admin.Http;

internal static class AdminOrganizationsEndpoints
{
    public static void MapAdminOrganizations(this AdminRoutes routes)
    {
        routes.Get("", call => Task.FromResult(AdminCall.Json(
            new AdminIndex(call.State.Organizations.Select(o => o.Info()).ToArray(), Permissions()), AdminJsonContext.Default.AdminIndex)));
        routes.Get("/permissions", _ => Task.FromResult(AdminCall.Json(Permissions(), AdminJsonContext.Default.IReadOnlyListPermissionView)));
        routes.Get("/orgs", call => Task.FromResult(AdminCall.Json<IReadOnlyList<OrganizationInfo>>(
            call.State.Organizations.Select(o => o.Info()).ToArray(), AdminJsonContext.Default.IReadOnlyListOrganizationInfo)));
        routes.Post("/orgs", CreateOrganization);
        routes.Get("/orgs/{orgId}", call => Task.FromResult(AdminCall.Json(call.Org().Info(), AdminJsonContext.Default.OrganizationInfo)));

        routes.Get("/orgs/{orgId}/keys", call => Task.FromResult(AdminCall.Json(call.Org().ApiKeys(), AdminJsonContext.Default.IReadOnlyListSandboxApiKey)));
        routes.Post("/orgs/{orgId}/keys", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.CreateKeyRequest);
            var key = call.Org().CreateApiKey(request.Permissions, request.Description);
            return AdminCall.Json(key, AdminJsonContext.Default.SandboxApiKey, StatusCodes.Status201Created);
        });
        routes.Delete("/orgs/{orgId}/keys/{keyId}", call => Task.FromResult(
            call.Org().RevokeApiKey(call.Route("keyId"))
                ? AdminCall.Ok("revoked")
                : throw new SandboxNotFoundException($"Key '{call.Route("keyId")}' not found.")));

        routes.Put("/orgs/{orgId}/rate_limit", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.RateLimitRequest);
            var org = call.Org();
            org.SetRateLimit(request.Limit, request.Style);
            return AdminCall.Json(org.Info(), AdminJsonContext.Default.OrganizationInfo);
        });
        routes.Put("/orgs/{orgId}/quirks", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.QuirksRequest);
            var org = call.Org();
            org.RepeatedLinkParams = request.RepeatedLinkParams ?? org.RepeatedLinkParams;
            return AdminCall.Json(new QuirksView(org.RepeatedLinkParams), AdminJsonContext.Default.QuirksView);
        });
    }

    private static async Task<IResult> CreateOrganization(AdminCall call)
    {
        var request = await call.Body(AdminJsonContext.Default.CreateOrganizationRequest);
        var org = call.State.CreateOrganization(new OrganizationOptions
        {
            Name = request.Name,
            Seed = request.Seed ?? 42,
            Scale = request.Scale is null ? DataScale.Demo : DataScale.Parse(request.Scale),
            RateLimit = request.RateLimit ?? 50,
            RateLimitStyle = request.RateLimitStyle ?? RateLimitStyle.Current,
            RepeatedLinkParams = request.RepeatedLinkParams ?? false,
            ReferenceDate = request.ReferenceDate,
            V3 = request.V3?.ApplyTo(new HarvestV3Options()) ?? new HarvestV3Options(),
        });
        var key = request.CreateKey ?? true ? org.CreateApiKey(description: "Created with the organization") : null;
        var v3 = request.CreateV3Credentials == true ? org.CreateV3Credentials(description: "Created with the organization") : null;
        return AdminCall.Json(new OrganizationCreated(org.Info(), key) { V3Credentials = v3 }, AdminJsonContext.Default.OrganizationCreated,
            StatusCodes.Status201Created);
    }

    private static IReadOnlyList<PermissionView> Permissions() =>
        HarvestPermissions.All
            .Select(p => new PermissionView(p.Id, p.DisplayName, p.Method, p.PathTemplate, HarvestPermissions.Required17.Contains(p)))
            .ToArray();
}
