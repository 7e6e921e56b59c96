namespace GemScheduling.HarvestSandbox.Admin.Http;

/// <summary>Harvest v3 settings, OAuth clients and issued tokens over HTTP.</summary>
internal static class AdminV3Endpoints
{
    public static void MapAdminV3(this AdminRoutes routes)
    {
        routes.Get("/v3/scopes", _ => Task.FromResult(AdminCall.Json<IReadOnlyList<PermissionView>>(
            HarvestV3Scopes.All.Select(s => new PermissionView(s.Id, s.DisplayName, s.Method, s.PathTemplate, true)).ToArray(),
            AdminJsonContext.Default.IReadOnlyListPermissionView)));

        routes.Get("/orgs/{orgId}/v3/options", call => Task.FromResult(AdminCall.Json(
            V3OptionsView.From(call.Org().V3Options), AdminJsonContext.Default.V3OptionsView)));
        routes.Put("/orgs/{orgId}/v3/options", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.V3OptionsRequest);
            var org = call.Org();
            org.V3Options = request.ApplyTo(org.V3Options);
            return AdminCall.Json(V3OptionsView.From(org.V3Options), AdminJsonContext.Default.V3OptionsView);
        });

        routes.Get("/orgs/{orgId}/v3/credentials", call => Task.FromResult(AdminCall.Json(
            call.Org().V3Credentials(), AdminJsonContext.Default.IReadOnlyListSandboxV3Credentials)));
        routes.Post("/orgs/{orgId}/v3/credentials", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.CreateV3CredentialsRequest);
            var credentials = call.Org().CreateV3Credentials(request.Scopes, request.Description);
            return AdminCall.Json(credentials, AdminJsonContext.Default.SandboxV3Credentials, StatusCodes.Status201Created);
        });
        routes.Delete("/orgs/{orgId}/v3/credentials/{clientId}", call => Task.FromResult(
            call.Org().RevokeV3Credentials(call.Route("clientId"))
                ? AdminCall.Ok("revoked")
                : throw new SandboxNotFoundException($"v3 client '{call.Route("clientId")}' not found.")));
        routes.Post("/orgs/{orgId}/v3/credentials/{clientId}/rotate", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.RotateV3SecretRequest);
            var grace = request.GraceSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            return AdminCall.Json(call.Org().RotateV3Secret(call.Route("clientId"), grace), AdminJsonContext.Default.SandboxV3Credentials);
        });

        routes.Get("/orgs/{orgId}/v3/tokens", call => Task.FromResult(AdminCall.Json(
            call.Org().V3Tokens(), AdminJsonContext.Default.IReadOnlyListSandboxV3Token)));
        routes.Delete("/orgs/{orgId}/v3/tokens/{tokenId}", call => Task.FromResult(
            call.Org().RevokeV3Token(call.Route("tokenId"))
                ? AdminCall.Ok("revoked")
                : throw new SandboxNotFoundException($"Token '{call.Route("tokenId")}' not found.")));
    }
}
