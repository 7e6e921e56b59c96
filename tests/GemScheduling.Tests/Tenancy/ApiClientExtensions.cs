using System.Net.Http.Json;
using System.Text.Json;

namespace GemScheduling.Tests.Tenancy;

public static class ApiClientExtensions
{
    public static async Task<string> CreateOrgAsync(this HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/orgs", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<(string Id, string Token)> IssueTokenAsync(this HttpClient client, string orgId, string name = "coordinator")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }
}
