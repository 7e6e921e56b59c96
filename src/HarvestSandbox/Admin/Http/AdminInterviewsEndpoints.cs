namespace GemScheduling.HarvestSandbox.Admin.Http;

internal static class AdminInterviewsEndpoints
{
    public static void MapAdminInterviews(this AdminRoutes routes)
    {
        routes.Get("/orgs/{orgId}/scheduled_interviews", call => Task.FromResult(AdminCall.Json(
            call.Org().ScheduledInterviews(call.QueryId("application_id"), call.QueryBool("created_via_harvest")),
            AdminJsonContext.Default.IReadOnlyListSandboxInterview)));
        routes.Get("/orgs/{orgId}/scheduled_interviews/deleted", call => Task.FromResult(AdminCall.Json(
            call.Org().DeletedInterviews(), AdminJsonContext.Default.IReadOnlyListDeletedInterview)));
        routes.Post("/orgs/{orgId}/scheduled_interviews", async call =>
        {
            var interview = await call.Body(AdminJsonContext.Default.NewUiInterview);
            return AdminCall.Json(new IdResponse(call.Org().CreateInterviewInUi(interview)), AdminJsonContext.Default.IdResponse, StatusCodes.Status201Created);
        });
        routes.Patch("/orgs/{orgId}/scheduled_interviews/{id:long}", async call =>
        {
            var changes = await call.Body(AdminJsonContext.Default.InterviewUiChanges);
            call.Org().UpdateInterviewInUi(call.Id(), changes);
            return AdminCall.Ok();
        });
        routes.Delete("/orgs/{orgId}/scheduled_interviews/{id:long}", call => AdminPeopleEndpoints.Done(() => call.Org().DeleteInterviewInUi(call.Id())));
    }
}
