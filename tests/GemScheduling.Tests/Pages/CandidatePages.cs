using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Pages;

/// <summary>The API over a real socket (a browser needs one), connected and synced, with helpers for candidate links.</summary>
public sealed class CandidatePagesApi : ConnectedApi
{
    protected override bool OverKestrel => true;

    public string BaseUrl => Api.ClientWith(null).BaseAddress!.ToString();

    public SchedulingTarget NextTarget() => Greenhouse.FindSchedulingTarget(NextTargetNumber() * 2)!;

}

/// <summary>Candidate links through the API, as a coordinator issues them and as the candidate's answer shows.</summary>
public static class CandidateLinkRequests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IssuedLinkView> IssueLinkAsync(this ConnectedApi api, long applicationId, double hours = 48)
    {
        var response = await api.Client.PostAsJsonAsync(api.Path($"applications/{applicationId}/availability-links"), new { expiresInHours = hours });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedLinkView>(Json))!;
    }

    public static async Task<LinkView> ReadLinkAsync(this ConnectedApi api, IssuedLinkView link) =>
        (await api.Api.ClientWith(null).GetFromJsonAsync<LinkView>(link.ApiPath, Json))!;

    /// <summary>The candidate's own windows as the API shows them to a coordinator.</summary>
    public static async Task<SourceView?> CandidateAnswerAsync(this ConnectedApi api, long applicationId) =>
        (await api.Client.GetFromJsonAsync<AvailabilityView>(api.Path($"applications/{applicationId}/availability"), Json))!
        .Sources.LastOrDefault(s => s.Source == "candidate");
}

public sealed record IssuedLinkView(string Url, string ApiUrl, string Id, DateTimeOffset ExpiresAt)
{
    public string PagePath => new Uri(Url).PathAndQuery;
    public string ApiPath => new Uri(ApiUrl).PathAndQuery;
}

public sealed record LinkView(string? CandidateFirstName, string? JobName, string? TimeZone);

public sealed record WindowView(DateTimeOffset Start, DateTimeOffset End, string TimeZone);

public sealed record SourceView(string Source, string? TimeZone, IReadOnlyList<WindowView> Windows);

public sealed record AvailabilityView(IReadOnlyList<WindowView> Windows, IReadOnlyList<SourceView> Sources);
