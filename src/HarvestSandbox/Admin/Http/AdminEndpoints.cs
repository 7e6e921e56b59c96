namespace GemScheduling.HarvestSandbox.Admin.Http;

internal static class AdminEndpoints
{
    public static void MapAdmin(this WebApplication app, SandboxState state, string? adminToken)
    {
        var routes = new AdminRoutes(app.MapGroup("/_admin"), state, adminToken);
        routes.MapAdminOrganizations();
        routes.MapAdminPeople();
        routes.MapAdminJobs();
        routes.MapAdminInterviews();
        routes.MapAdminObservability();
        routes.MapAdminV3();
        routes.MapAdminWebhooks();
    }
}
