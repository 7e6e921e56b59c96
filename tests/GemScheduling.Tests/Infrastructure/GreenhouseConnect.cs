using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>Connecting an org to a sandbox Greenhouse org through the API, and waiting for its sync.</summary>
public static class GreenhouseConnect
{
    /// <summary>The PUT …/greenhouse body for a new v1 key or new v3 client credentials of <paramref name="greenhouse"/>.</summary>
    public static object Body(HarvestSandboxServer sandbox, SandboxOrganization greenhouse, string apiVersion)
    {
        var organizer = greenhouse.GetUser(greenhouse.FindSchedulingTarget()!.OrganizerUserId).PrimaryEmailAddress;
        if (apiVersion != "v3")
            return new { apiVersion, baseUrl = sandbox.BaseAddress.ToString(), apiKey = greenhouse.CreateApiKey().Key, organizerEmail = organizer };
        var credentials = greenhouse.CreateV3Credentials();
        return new { apiVersion, baseUrl = sandbox.BaseAddress.ToString(), clientId = credentials.ClientId, clientSecret = credentials.ClientSecret, organizerEmail = organizer };
    }

    /// <summary>The org's sync status once its current pass has finished.</summary>
    public static async Task<JsonElement> FinishedSyncAsync(HttpClient client, string orgId)
    {
        for (var i = 0; i < 1200; i++)
        {
            var response = await client.GetAsync($"/api/v1/orgs/{orgId}/sync");
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET sync answered {(int)response.StatusCode}");
            var sync = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync");
            if (sync.GetProperty("state").GetString() is "succeeded" or "failed")
                return sync;
            await Task.Delay(100);
        }

        throw new TimeoutException("sync did not finish");
    }
}
