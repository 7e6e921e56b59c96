using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Greenhouse;
using GemScheduling.HarvestSandbox;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Security;

/// <summary>
/// Every route that calls Greenhouse, with Greenhouse answering 500, answering 503, dropping the connection and not
/// answering at all: never GemScheduling's own 500, always a problem body (502, 503 with Retry-After, or 504), and
/// once Greenhouse is well again every route works: no grain was wedged.
/// </summary>
public abstract class GreenhouseFailureSpecs(ConnectedApi api)
{
    /// <summary>Short Greenhouse timeouts, so a Greenhouse that holds requests costs seconds, not minutes.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ShortTimeouts = new Dictionary<string, string?>
    {
        ["Greenhouse:AttemptTimeout"] = "00:00:00.500", ["Greenhouse:TotalTimeout"] = "00:00:01.500", ["Greenhouse:CircuitBreakDuration"] = "00:00:02",
    };

    public static TheoryData<FaultKind> Failures() => new() { FaultKind.Error500, FaultKind.Error503, FaultKind.Drop, FaultKind.Timeout };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Given_Greenhouse_fails_then_every_route_that_calls_it_answers_a_problem_and_never_500(FaultKind failure)
    {
        var target = api.Greenhouse.FindSchedulingTarget(30 + (int)failure)!;
        var scheduleId = await api.ScheduleOneAsync(target);
        await api.SettledAsync(scheduleId);
        // The application context reads a job it has not synced from Greenhouse: make every job unknown.
        await api.Api.Services.GetRequiredService<IGreenhouseReadModel>().MarkUnseenRemovedAsync(api.OrgId, ResourceKind.Jobs, DateTimeOffset.MaxValue);
        var job = api.Greenhouse.GetApplication(target.ApplicationId).Jobs[0].Id;

        var routes = new (string Name, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("connect", () => api.Client.PutAsJsonAsync(api.Path("greenhouse"), RotationBody())),
            ("verify", () => api.Client.PostAsync(api.Path("greenhouse/verify"), null)),
            ("job sync", () => api.Client.PostAsync(api.Path($"sync/jobs/{job}"), null)),
            ("reconcile", () => api.Client.PostAsync(api.Path($"schedules/{scheduleId}/reconcile"), null)),
            ("application context", () => api.Client.GetAsync(api.Path($"applications/{target.ApplicationId}"))),
            ("availability", () => api.Client.GetAsync(api.Path($"applications/{target.ApplicationId}/availability"))),
            ("suggestions", () => api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/suggestions"), new
            {
                steps = new[] { new { interviewStepId = target.InterviewStepId, durationMinutes = 60, interviewerPool = target.InterviewerUserIds } },
            })),
        };

        var rule = api.Greenhouse.AddFault(new FaultRule { Kind = failure, Endpoint = "*", Hold = TimeSpan.FromSeconds(10) });
        var answers = new List<string>();
        try
        {
            foreach (var (name, call) in routes)
            {
                var response = await call();
                var body = await response.Content.ReadAsStringAsync();
                answers.Add($"{name}: {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode != 500, $"{name} answered 500 with Greenhouse {failure}: {body}");
                if ((int)response.StatusCode >= 400)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                if ((int)response.StatusCode >= 500)
                    Assert.Contains((int)response.StatusCode, new[] { 502, 503, 504 });
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    Assert.NotNull(response.Headers.RetryAfter);
            }
        }
        finally
        {
            api.Greenhouse.RemoveFault(rule.Id!);
        }

        Console.WriteLine($"Greenhouse {failure} ({api.ApiVersion}): {string.Join(", ", answers)}");
        // Well again (after the circuit's pause): every route works, so nothing was left wedged.
        foreach (var (name, call) in routes)
            await EventuallyOkAsync(name, call);
    }

    private object RotationBody() => api.ApiVersion == "v3"
        ? api.V3Connect(api.Greenhouse.CreateV3Credentials(), api.Greenhouse.GetUser(api.Greenhouse.FindSchedulingTarget()!.OrganizerUserId).PrimaryEmailAddress)
        : new { apiKey = api.ApiKey };

    private static async Task EventuallyOkAsync(string name, Func<Task<HttpResponseMessage>> call)
    {
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            last = await call();
            if (last.IsSuccessStatusCode)
                return;
            await Task.Delay(500);
        }

        Assert.Fail($"{name} still answers {(int)last!.StatusCode} after Greenhouse recovered: {await last.Content.ReadAsStringAsync()}");
    }
}

public sealed class FlakyGreenhouseApi : ConnectedApi
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GreenhouseFailureSpecs.ShortTimeouts;
}

public sealed class FlakyGreenhouseApiV3 : ConnectedApi
{
    public override string ApiVersion => "v3";

    protected override IReadOnlyDictionary<string, string?>? Settings => GreenhouseFailureSpecs.ShortTimeouts;
}

public sealed class GreenhouseFailureV1Specs(FlakyGreenhouseApi api) : GreenhouseFailureSpecs(api), IClassFixture<FlakyGreenhouseApi>;

public sealed class GreenhouseFailureV3Specs(FlakyGreenhouseApiV3 api) : GreenhouseFailureSpecs(api), IClassFixture<FlakyGreenhouseApiV3>;
