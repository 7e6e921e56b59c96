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

    public async Task<IssuedLinkView> IssueLinkAsync(long applicationId, double hours = 48)
    {
        var response = await Client.PostAsJsonAsync(Path($"applications/{applicationId}/availability-links"), new { expiresInHours = hours });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedLinkView>(Json))!;
    }

    public async Task<LinkView> ReadLinkAsync(IssuedLinkView link) =>
        (await Api.ClientWith(null).GetFromJsonAsync<LinkView>(new Uri(link.ApiUrl).PathAndQuery, Json))!;

    /// <summary>The candidate's own windows as the API shows them to a coordinator.</summary>
    public async Task<SourceView?> CandidateAnswerAsync(long applicationId) =>
        (await Client.GetFromJsonAsync<AvailabilityView>(Path($"applications/{applicationId}/availability"), Json))!
        .Sources.LastOrDefault(s => s.Source == "candidate");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
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
