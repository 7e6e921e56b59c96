namespace GemScheduling.HarvestSandbox.Admin.Http;

internal static class AdminJobsEndpoints
{
    public static void MapAdminJobs(this AdminRoutes routes)
    {
        routes.Get("/orgs/{orgId}/jobs/{id:long}", call => Task.FromResult(AdminCall.Json(call.Org().GetJob(call.Id()), AdminJsonContext.Default.JobDto)));
        routes.Get("/orgs/{orgId}/jobs/{id:long}/stages", call => Task.FromResult(AdminCall.Json(call.Org().GetJobStages(call.Id()), AdminJsonContext.Default.IReadOnlyListJobStageDto)));
        routes.Post("/orgs/{orgId}/jobs/{id:long}/close", call => AdminPeopleEndpoints.Done(() => call.Org().CloseJob(call.Id())));
        routes.Post("/orgs/{orgId}/jobs/{id:long}/open", call => AdminPeopleEndpoints.Done(() => call.Org().OpenJob(call.Id())));
        routes.Get("/orgs/{orgId}/jobs/{id:long}/hiring_team", call => Task.FromResult(AdminCall.Json(call.Org().HiringTeam(call.Id()), AdminJsonContext.Default.SandboxHiringTeam)));
        routes.Post("/orgs/{orgId}/jobs/{id:long}/job_owners", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.AddJobOwnerRequest);
            var id = call.Org().AddJobOwner(call.Id(), request.UserId, request.Type, request.Responsible ?? false);
            return AdminCall.Json(new IdResponse(id), AdminJsonContext.Default.IdResponse, StatusCodes.Status201Created);
        });
        routes.Post("/orgs/{orgId}/jobs/{id:long}/hiring_managers", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.AddHiringManagerRequest);
            return AdminCall.Json(new IdResponse(call.Org().AddHiringManager(call.Id(), request.UserId)), AdminJsonContext.Default.IdResponse, StatusCodes.Status201Created);
        });
        routes.Put("/orgs/{orgId}/jobs/{id:long}/confidential", async call =>
        {
            var flag = await call.Body(AdminJsonContext.Default.FlagRequest);
            call.Org().SetJobConfidential(call.Id(), flag.Value);
            return AdminCall.Ok();
        });
        routes.Get("/orgs/{orgId}/confidential_jobs", call => Task.FromResult(AdminCall.Json(call.Org().ConfidentialJobs(), AdminJsonContext.Default.IReadOnlyListSandboxHiringTeam)));
        routes.Post("/orgs/{orgId}/job_stages/{id:long}/deactivate", call => AdminPeopleEndpoints.Done(() => call.Org().DeactivateStage(call.Id())));
        routes.Post("/orgs/{orgId}/job_stages/{id:long}/interviews", async call =>
        {
            var step = await call.Body(AdminJsonContext.Default.NewInterviewStep);
            return AdminCall.Json(new IdResponse(call.Org().AddInterviewStep(call.Id(), step)), AdminJsonContext.Default.IdResponse, StatusCodes.Status201Created);
        });
        routes.Get("/orgs/{orgId}/scheduling_target", call =>
        {
            var skip = (int)(call.QueryId("skip") ?? 0);
            var target = call.Org().FindSchedulingTarget(skip) ?? throw new SandboxNotFoundException("No schedulable application found.");
            return Task.FromResult(AdminCall.Json(target, AdminJsonContext.Default.SchedulingTarget));
        });
    }
}
