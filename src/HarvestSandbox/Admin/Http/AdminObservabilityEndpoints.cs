namespace GemScheduling.HarvestSandbox.Admin.Http;

internal static class AdminObservabilityEndpoints
{
    public static void MapAdminObservability(this AdminRoutes routes)
    {
        routes.Get("/orgs/{orgId}/fingerprint", call =>
        {
            var org = call.Org();
            return Task.FromResult(AdminCall.Json(new FingerprintResponse(org.Id, org.Fingerprint()), AdminJsonContext.Default.FingerprintResponse));
        });
        routes.Get("/orgs/{orgId}/calls", call => Task.FromResult(AdminCall.Json(call.Org().CallLog(), AdminJsonContext.Default.IReadOnlyListCallRecord)));
        routes.Get("/orgs/{orgId}/counters", call => Task.FromResult(AdminCall.Json(call.Org().Counters(), AdminJsonContext.Default.OrganizationCounters)));
        routes.Get("/orgs/{orgId}/notes", call => Task.FromResult(AdminCall.Json(call.Org().Notes(call.QueryId("candidate_id")), AdminJsonContext.Default.IReadOnlyListSandboxNote)));
        routes.Get("/orgs/{orgId}/emails", call => Task.FromResult(AdminCall.Json(call.Org().Emails(call.QueryId("candidate_id")), AdminJsonContext.Default.IReadOnlyListSandboxEmail)));
        routes.Get("/orgs/{orgId}/activities", call => Task.FromResult(AdminCall.Json(
            call.Org().Activities(call.QueryId("candidate_id"), call.Query("subject")), AdminJsonContext.Default.IReadOnlyListSandboxActivity)));

        routes.Get("/orgs/{orgId}/faults", call => Task.FromResult(AdminCall.Json<IReadOnlyList<FaultRuleView>>(
            call.Org().FaultRules().Select(FaultRuleView.From).ToArray(), AdminJsonContext.Default.IReadOnlyListFaultRuleView)));
        routes.Get("/orgs/{orgId}/faults/log", call => Task.FromResult(AdminCall.Json(call.Org().FaultLog(), AdminJsonContext.Default.IReadOnlyListFaultEvent)));
        routes.Post("/orgs/{orgId}/faults", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.FaultRuleRequest);
            if (!FaultRule.TryParseKind(request.Kind, out var kind))
            {
                throw new ArgumentException($"Unknown fault kind '{request.Kind}'.");
            }

            var org = call.Org();
            var rule = org.AddFault(new FaultRule
            {
                Kind = kind,
                Endpoint = request.Endpoint ?? "*",
                Method = request.Method,
                Rate = request.Rate ?? 1.0,
                MaxOccurrences = request.MaxOccurrences,
                Latency = request.LatencyMs is { } l ? TimeSpan.FromMilliseconds(l) : null,
                LatencyMax = request.LatencyMaxMs is { } lm ? TimeSpan.FromMilliseconds(lm) : null,
                Hold = request.HoldMs is { } h ? TimeSpan.FromMilliseconds(h) : null,
                Target = request.Target,
                BodyBytes = request.BodyBytes,
                ChunkedBody = request.ChunkedBody ?? false,
                Count = request.Count,
            });
            var view = FaultRuleView.From(org.FaultRules().First(r => r.Rule.Id == rule.Id));
            return AdminCall.Json(view, AdminJsonContext.Default.FaultRuleView, StatusCodes.Status201Created);
        });
        routes.Delete("/orgs/{orgId}/faults", call => AdminPeopleEndpoints.Done(() => call.Org().ClearFaults()));
        routes.Delete("/orgs/{orgId}/faults/{ruleId}", call => Task.FromResult(
            call.Org().RemoveFault(call.Route("ruleId"))
                ? AdminCall.Ok("removed")
                : throw new SandboxNotFoundException($"Fault rule '{call.Route("ruleId")}' not found.")));
    }
}
