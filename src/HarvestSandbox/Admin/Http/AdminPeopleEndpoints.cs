namespace GemScheduling.HarvestSandbox.Admin.Http;

internal static class AdminPeopleEndpoints
{
    public static void MapAdminPeople(this AdminRoutes routes)
    {
        routes.Post("/orgs/{orgId}/users", async call =>
        {
            var user = await call.Body(AdminJsonContext.Default.NewUser);
            return AdminCall.Json(new IdResponse(call.Org().AddUser(user)), AdminJsonContext.Default.IdResponse, StatusCodes.Status201Created);
        });
        routes.Get("/orgs/{orgId}/users/{id:long}", call => Task.FromResult(AdminCall.Json(call.Org().GetUser(call.Id()), AdminJsonContext.Default.UserDto)));
        routes.Post("/orgs/{orgId}/users/{id:long}/disable", call => Done(() => call.Org().DisableUser(call.Id())));
        routes.Post("/orgs/{orgId}/users/{id:long}/enable", call => Done(() => call.Org().EnableUser(call.Id())));
        routes.Put("/orgs/{orgId}/users/{id:long}/can_manage_applications", async call =>
        {
            var flag = await call.Body(AdminJsonContext.Default.FlagRequest);
            call.Org().SetUserCanManageApplications(call.Id(), flag.Value);
            return AdminCall.Ok();
        });
        routes.Put("/orgs/{orgId}/users/{id:long}/email_verification", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.EmailVerificationRequest);
            call.Org().SetUserEmailVerified(call.Id(), request.Email, request.Verified);
            return AdminCall.Ok();
        });

        routes.Post("/orgs/{orgId}/candidates", async call =>
        {
            var candidate = await call.Body(AdminJsonContext.Default.NewCandidate);
            return AdminCall.Json(call.Org().AddCandidate(candidate), AdminJsonContext.Default.CandidateApplicationIds, StatusCodes.Status201Created);
        });
        routes.Get("/orgs/{orgId}/candidates/{id:long}", call => Task.FromResult(AdminCall.Json(call.Org().GetCandidate(call.Id()), AdminJsonContext.Default.CandidateDto)));
        routes.Patch("/orgs/{orgId}/candidates/{id:long}", async call =>
        {
            var changes = await call.Body(AdminJsonContext.Default.CandidateChanges);
            call.Org().UpdateCandidate(call.Id(), changes);
            return AdminCall.Ok();
        });
        routes.Post("/orgs/{orgId}/candidates/{id:long}/availability", AddAvailability);

        routes.Get("/orgs/{orgId}/applications/{id:long}", call => Task.FromResult(AdminCall.Json(call.Org().GetApplication(call.Id()), AdminJsonContext.Default.ApplicationDto)));
        routes.Post("/orgs/{orgId}/applications/{id:long}/move", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.MoveApplicationRequest);
            call.Org().MoveApplication(call.Id(), request.StageId);
            return AdminCall.Ok();
        });
        routes.Post("/orgs/{orgId}/applications/{id:long}/reject", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.RejectApplicationRequest);
            call.Org().RejectApplication(call.Id(), request.Reason);
            return AdminCall.Ok();
        });
        routes.Post("/orgs/{orgId}/applications/{id:long}/hire", call => Done(() => call.Org().HireApplication(call.Id())));
        routes.Post("/orgs/{orgId}/applications/{id:long}/unreject", call => Done(() => call.Org().UnrejectApplication(call.Id())));
    }

    private static async Task<IResult> AddAvailability(AdminCall call)
    {
        var request = await call.Body(AdminJsonContext.Default.AvailabilityRequest);
        var org = call.Org();
        long id;
        if (request.Body is { } body)
        {
            id = org.AddAvailabilitySubmissionText(call.Id(), body);
        }
        else
        {
            var zone = request.TimeZone ?? throw new ArgumentException("time_zone (or body) is required.");
            var windows = (request.Windows ?? []).Select(w =>
                AvailabilityFormat.TryParseWindow($"{w.Date:yyyy-MM-dd} {w.Start}-{w.End}", out var window)
                    ? window
                    : throw new ArgumentException($"Invalid window {w.Date:yyyy-MM-dd} {w.Start}-{w.End}.")).ToArray();
            id = org.AddAvailabilitySubmission(call.Id(), zone, windows, request.ExtraLines);
        }

        return AdminCall.Json(new IdResponse(id), AdminJsonContext.Default.IdResponse, StatusCodes.Status201Created);
    }

    internal static Task<IResult> Done(Action action)
    {
        action();
        return Task.FromResult(AdminCall.Ok());
    }
}
