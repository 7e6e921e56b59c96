// Compiled at test time (GeneratedClientSpecs) with the client NSwag generates from /openapi/v1.json: it may use only
// the generated types, as a customer's program would.
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using GemScheduling.Client;
using GemScheduling.Tests.GeneratedClient;

namespace ClientProgram;

public static class Program
{
    /// <summary>Creates an org, connects it to Greenhouse over v3, syncs it, books one interview and waits for Greenhouse to hold it.</summary>
    public static async Task<string> RunAsync(HttpClient http, string adminToken, ClientProgramSettings settings)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var org = await new OrgsClient(http).CreateAsync(new CreateOrgRequest { Name = "Generated client" });
        var token = await new TokensClient(http).IssueAsync(org.Id, new IssueTokenRequest { Name = "program", Role = "admin" });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        var connection = await new GreenhouseClient(http).ConnectAsync(org.Id, new ConnectGreenhouseBody
        {
            ApiVersion = "v3", BaseUrl = settings.BaseUrl, ClientId = settings.ClientId, ClientSecret = settings.ClientSecret,
            OrganizerEmail = settings.OrganizerEmail,
        });

        var sync = new SyncClient(http);
        var started = await sync.StartAsync(org.Id, new StartSyncRequest { Mode = "full" });
        for (var i = 0; ; i++)
        {
            var status = (await sync.GetAsync(org.Id)).Sync;
            if (status.PassId == started.PassId && status.State != "running")
            {
                if (status.State != "succeeded")
                    throw new InvalidOperationException($"sync ended {status.State}");
                break;
            }

            if (i > 600)
                throw new TimeoutException("sync did not finish");
            await Task.Delay(100);
        }

        var schedules = new SchedulesClient(http);
        var created = await schedules.CreateAsync(org.Id, "generated-client-1", new CreateScheduleBody
        {
            ApplicationId = settings.ApplicationId,
            Interviews =
            [
                new InterviewBody
                {
                    InterviewStepId = settings.InterviewStepId, Interviewers = [new InterviewerBody { UserId = settings.InterviewerUserId }],
                    Start = settings.Start.ToString("O"), End = settings.Start.AddHours(1).ToString("O"), TimeZone = "UTC",
                },
            ],
        });
        for (var i = 0; ; i++)
        {
            var schedule = await schedules.GetAsync(org.Id, created.Id);
            if (schedule.WriteBack == WriteBackStatus.Synced)
                return schedule.Id;
            if (i > 600)
                throw new TimeoutException($"write-back is still {schedule.WriteBack}");
            await Task.Delay(100);
        }
    }
}
