using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Reliability;

/// <summary>
/// Thousands of generated hostile requests against every endpoint: no 5xx, every error a problem response, and the
/// stored data of the org under attack (and of a bystander org) unchanged. Every generated request is invalid by
/// construction (a poisoned field, a malformed body, a bad token, a hostile id), so any change would be a defect.
/// </summary>
public abstract class HostileInputSpecs(ConnectedApi api)
{
    /// <summary>Real sockets: Kestrel's own limits and parsing are part of what is under attack.</summary>
    public sealed class OverKestrelApi : ConnectedApi
    {
        protected override bool OverKestrel => true;
    }

    /// <summary>The same on PostgreSQL, which refuses things memory would take (jsonb and \u0000).</summary>
    public sealed class OverKestrelPostgresApi : ConnectedApi
    {
        protected override bool OverKestrel => true;

        protected override bool OnPostgres => true;
    }

    /// <summary>Replaced by an escaped unpaired surrogate after serialization (a JSON writer will not write one).</summary>
    private const string LoneSurrogate = "__LONE_SURROGATE__";

    private const int Requests = 5200;

    private static readonly string[] HostileStrings =
    [
        "", " ", "\u0000", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "😀👩‍💻🏳️‍🌈", "‮RTL‬", "null", "NaN",
        "Infinity", "-1", "99999999999999999999999", "1e309", "0x7fffffff", "2026-02-30T25:61:00Z", "yesterday", "Mars/Olympus",
        "America/New_York\n", new string('a', 5_000), "{\"nested\":true}", "\\u0000\\ud800", "true",
        "a\u0000b", "bell\u0007", "\u001b[31mred", "nel\u0085", "not\uffff", "del\u007f", LoneSurrogate, "x" + LoneSurrogate + "y",
        new string('\u0000', 300), new string('é', 100_000),
    ];

    private static readonly JsonNode?[] HostileValues =
    [
        null, -1, 0, long.MinValue, long.MaxValue, 1e308, -0.0, true, false, new JsonArray(), new JsonObject(), JsonValue.Create("x"),
        JsonNode.Parse("[[[[[[[[[[1]]]]]]]]]]"), JsonNode.Parse("{\"a\":{\"b\":{\"c\":{}}}}"), JsonValue.Create(new string('z', 70_000)),
    ];

    private static readonly JsonNode[] NotAnObject =
    [
        JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(true), JsonValue.Create("x"), new JsonArray(),
        JsonNode.Parse("[[[[[[[[[[1]]]]]]]]]]")!, JsonValue.Create(new string('z', 70_000)),
    ];

    /// <summary>POSTs that compute an answer without storing anything: a 200 from them changes no data.</summary>
    private static readonly string[] ReadOnlyPosts = ["/suggestions", "/availability-links"];

    private sealed record Shape(string Method, string Route, Func<Random, JsonNode?>? Body);

    private List<Shape> _shapes = [];

    [Fact]
    public async Task Given_5000_hostile_requests_then_none_gets_a_5xx_every_error_is_a_problem_and_no_stored_data_changes()
    {
        var target = api.Greenhouse.FindSchedulingTarget(70)!;
        var start = api.NextSlot();
        var schedule = await (await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start))).Content.ReadFromJsonAsync<JsonElement>();
        var scheduleId = schedule.GetProperty("id").GetString()!;
        await api.SettledAsync(scheduleId);
        var admin = api.Api.ClientWith();
        var bystander = await admin.CreateOrgAsync("Bystander");
        var (_, bystanderToken) = await admin.IssueTokenAsync(bystander);
        var before = await SnapshotAsync(api.OrgId, api.Client, scheduleId) + await SnapshotAsync(bystander, api.Api.ClientWith(bystanderToken), null);

        var shapes = _shapes = Shapes(api.Api.Services, target, scheduleId);
        var random = new Random(20261128);
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var accepted = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var shape = shapes[random.Next(shapes.Count)];
            using var request = Build(shape, random, target, scheduleId, bystander, bystanderToken);
            var description = $"{request.Method} {request.RequestUri}";
            HttpResponseMessage response;
            try
            {
                response = await api.Api.ClientWith(null).SendAsync(request);
            }
            catch (HttpRequestException) when (request.RequestUri!.OriginalString.Length > 64 * 1024)
            {
                // Kestrel answers 414 after reading 8 KB of the request line and closes the connection; with hundreds of
                // kilobytes still unsent, the client can see that close as a reset before it reads the 414.
                statuses[414] = statuses.GetValueOrDefault(414) + 1;
                continue;
            }
            catch (Exception ex)
            {
                failures.Add($"{description}: threw {ex.GetType().Name} {ex.Message}");
                continue;
            }

            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is >= 200 and < 300 && request.Method != HttpMethod.Get && !ReadOnlyPosts.Any(p => request.RequestUri!.AbsolutePath.EndsWith(p, StringComparison.Ordinal)))
                accepted.Add($"{description}: {status} {(request.Content is null ? "(no body)" : (await request.Content.ReadAsStringAsync())[..Math.Min(200, (int)(request.Content.Headers.ContentLength ?? 0))])}");
            if (RejectedByKestrel(request, response))
                continue; // refused by the HTTP server before the application runs (documented in RELIABILITY.md)
            if (status >= 500)
                failures.Add($"{description}: {status} {await response.Content.ReadAsStringAsync()}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{description}: {status} without a problem body ({response.Content.Headers.ContentType})");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(15))}");
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        Assert.True(accepted.Count == 0, "writes that succeeded:\n" + string.Join("\n", accepted.Take(10))); // every write was invalid by construction
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) > Requests / 2, summary);
        Console.WriteLine($"hostile requests by status: {summary}");
        var after = await SnapshotAsync(api.OrgId, api.Client, scheduleId) + await SnapshotAsync(bystander, api.Api.ClientWith(bystanderToken), null);
        Assert.Equal(before, after);
    }

    /// <summary>
    /// Kestrel itself answers requests that break HTTP before any application code runs, with no body: a request
    /// target holding a NUL (400) and a request line over its 8 KB limit (414). Nothing else may skip the problem format.
    /// </summary>
    private static bool RejectedByKestrel(HttpRequestMessage request, HttpResponseMessage response) =>
        response.Content.Headers.ContentLength is 0 or null && response.Content.Headers.ContentType is null &&
        ((response.StatusCode == HttpStatusCode.BadRequest && request.RequestUri!.OriginalString.Contains("%00", StringComparison.Ordinal)) ||
         (response.StatusCode == HttpStatusCode.RequestUriTooLong && request.RequestUri!.OriginalString.Length > 8 * 1024));

    /// <summary>Every org-scoped and public API route, with a body poisoner for the routes that take a body.</summary>
    private static List<Shape> Shapes(IServiceProvider services, SchedulingTarget target, string scheduleId)
    {
        // Each template is invalid in one key field the poisoner never touches (so the request stays invalid whatever else
        // happens to it); the poisoner then breaks other fields, removes them, or adds unexpected ones.
        var poisoners = new Dictionary<string, Func<Random, JsonNode?>>(StringComparer.Ordinal)
        {
            ["POST /api/v1/orgs/{orgId}/schedules"] = r => Poison(r, new JsonObject
            {
                ["applicationId"] = -target.ApplicationId,
                ["interviews"] = new JsonArray(new JsonObject
                {
                    ["interviewStepId"] = target.InterviewStepId, ["interviewers"] = new JsonArray(new JsonObject { ["userId"] = target.InterviewerUserIds[0] }),
                    ["start"] = "2027-03-02T10:00:00Z", ["end"] = "2027-03-02T11:00:00Z", ["timeZone"] = "UTC",
                }),
            }, ["interviews", "interviews.0.start", "interviews.0.end", "interviews.0.timeZone", "interviews.0.interviewStepId", "interviews.0.interviewers",
                "interviews.0.interviewers.0.userId", "interviews.0.interviewers.0.email", "interviews.0.location", "interviews.0.videoConferencingUrl", "organizerEmail"]),
            ["PATCH /api/v1/orgs/{orgId}/schedules/{scheduleId}"] = r => Poison(r, new JsonObject
            {
                ["changes"] = new JsonArray(new JsonObject { ["interviewId"] = "int_unknown", ["start"] = "2027-03-02T10:00:00Z" }),
                ["remove"] = new JsonArray(JsonValue.Create("int_unknown")),
            }, ["changes.0.start", "changes.0.end", "changes.0.timeZone", "changes.0.location", "changes.0.videoConferencingUrl", "changes.0.interviewers", "add"]),
            ["POST /api/v1/orgs/{orgId}/schedules/{scheduleId}/cancel"] = r => Poison(r, new JsonObject { ["reason"] = "" }, ["note"]),
            ["PUT /api/v1/orgs/{orgId}/greenhouse"] = r => Poison(r, new JsonObject { ["apiVersion"] = "v2", ["apiKey"] = "x y" }, ["baseUrl", "organizerEmail", "clientId", "clientSecret", "tokenUrl"]),
            ["POST /api/v1/orgs/{orgId}/tokens"] = r => Poison(r, new JsonObject { ["name"] = "" }, ["description"]),
            ["POST /api/v1/orgs"] = r => Poison(r, new JsonObject { ["name"] = "" }, ["description"]),
            ["POST /api/v1/orgs/{orgId}/sync"] = r => Poison(r, new JsonObject { ["mode"] = "sideways" }, ["scope"]),
            ["PUT /api/v1/orgs/{orgId}/email-templates/{kind}"] = r => Poison(r, new JsonObject { ["subject"] = "", ["body"] = "{{not_a_placeholder}}" }, ["extra", "body"]),
            ["PUT /api/v1/orgs/{orgId}/applications/{applicationId:long}/availability"] = r => Poison(r, new JsonObject
            {
                ["timeZone"] = "Nowhere/Land", ["windows"] = new JsonArray(new JsonObject { ["start"] = "2027-03-02T10:00:00", ["end"] = "bad" }),
            }, ["windows", "windows.0.start", "windows.0.end", "timeZone"]),
            ["POST /api/v1/orgs/{orgId}/applications/{applicationId:long}/availability-links"] = r => Poison(r, new JsonObject { ["expiresInHours"] = -5 }, ["extra"]),
            ["POST /api/v1/orgs/{orgId}/applications/{applicationId:long}/suggestions"] = r => Poison(r, new JsonObject { ["maxDays"] = 99 }, ["steps", "from", "to", "breakMinutes"]),
            ["PUT /api/v1/orgs/{orgId}/interviewers/{userId:long}"] = r => Poison(r, new JsonObject { ["timeZone"] = "Bad/Zone" }, ["workingHours", "maxInterviewsPerDay", "maxInterviewsPerWeek", "icsUrl", "ics"]),
            ["PUT /api/v1/orgs/{orgId}/scheduling-defaults"] = r => Poison(r, new JsonObject { ["timeZone"] = "Bad/Zone", ["workingHours"] = new JsonArray() }, ["maxInterviewsPerDay", "maxInterviewsPerWeek"]),
            ["PUT /api/v1/availability-links/{token}"] = r => Poison(r, new JsonObject { ["timeZone"] = "Bad/Zone", ["windows"] = new JsonArray() }, ["windows"]),
            ["PUT /api/v1/orgs/{orgId}/greenhouse/webhook"] = r => Poison(r, new JsonObject { ["secret"] = "too short" }, ["extra"]),
            // The attacked org has no webhook, and nothing here is signed: every delivery is refused whatever its body.
            ["POST /api/v1/greenhouse-webhooks/{orgId}"] = r => Poison(r, new JsonObject { ["action"] = "candidate_stage_change" }, ["payload", "payload.application"]),
            ["PUT /api/v1/orgs/{orgId}/availability-link-policy"] = r => Poison(r, new JsonObject { ["defaultLifetimeHours"] = -1 }, ["expireOnSubmission", "extra"]),
            ["POST /api/v1/orgs/{orgId}/applications/{applicationId:long}/booking-links"] = r => Poison(r, new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject { ["interviewStepId"] = 1 }), ["bufferMinutes"] = -5,
            }, ["steps", "steps.0.interviewStepId", "from", "to", "location", "videoConferencingUrl", "extra"]),
            // The token is never a link here, and the time never one offered.
            ["POST /api/v1/booking-links/{token}/booking"] = r => Poison(r, new JsonObject { ["start"] = "never", ["timeZone"] = "UTC" }, ["timeZone", "extra"]),
            ["POST /api/v1/bookings/{token}/reschedule"] = r => Poison(r, new JsonObject { ["start"] = "never", ["timeZone"] = "UTC" }, ["timeZone", "extra"]),
            ["POST /api/v1/bookings/{token}/cancel"] = r => Poison(r, new JsonObject { ["reason"] = new string('r', 1_001) }, ["extra"]),
        };

        // Writes with no body that would be valid as they are (verification, reconciliation, a job sync, deleting a token) get only
        // invalid callers or ids; everything else is poisoned.
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();
        var missing = routes.Where(e => e.Method is "POST" or "PUT" or "PATCH" && !poisoners.ContainsKey($"{e.Method} {e.Route.TrimEnd('/')}") && !e.Route.EndsWith("/verify", StringComparison.Ordinal) && !e.Route.EndsWith("/reconcile", StringComparison.Ordinal)
            && !e.Route.EndsWith("/retry", StringComparison.Ordinal) && !e.Route.EndsWith("/sync/jobs/{jobId:long}", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "writes without a poisoner: " + string.Join(", ", missing));
        return routes
            .Select(e => new Shape(e.Method, e.Route, poisoners.GetValueOrDefault($"{e.Method} {e.Route.TrimEnd('/')}")))
            .ToList();
    }

    /// <summary>A valid-looking body with one or more fields replaced by hostile values, or a body that is not an object at all.</summary>
    private static JsonNode? Poison(Random random, JsonObject valid, string[] fields)
    {
        if (random.Next(4) == 0)
            return NotAnObject[random.Next(NotAnObject.Length)].DeepClone(); // a body of the wrong JSON type altogether
        var poisoned = valid.DeepClone().AsObject();
        var breaks = 1 + random.Next(2);
        for (var b = 0; b < breaks; b++)
        {
            var path = fields[random.Next(fields.Length)].Split('.');
            JsonNode? node = poisoned;
            for (var i = 0; i < path.Length - 1 && node is not null; i++)
                node = int.TryParse(path[i], out var index) ? (node is JsonArray a && a.Count > index ? a[index] : null) : node[path[i]];
            if (node is JsonObject parent)
            {
                var choice = random.Next(3);
                if (choice == 0)
                    parent.Remove(path[^1]);
                else
                    parent[path[^1]] = choice == 1 ? JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)]) : HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
            }
        }

        if (random.Next(5) == 0)
            poisoned["unexpected_" + random.Next(100)] = HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
        return poisoned;
    }

    private HttpRequestMessage Build(Shape shape, Random random, SchedulingTarget target, string scheduleId, string bystander, string bystanderToken)
    {
        var hostileId = random.Next(3) == 0;
        string Id(string real) => hostileId ? Uri.EscapeDataString(HostileStrings[random.Next(HostileStrings.Length)]) is { Length: > 0 } s ? s : "x" : real;
        var mutating = shape.Method != "GET" && shape.Body is null;
        var path = shape.Route
            .Replace("{orgId}", random.Next(10) == 0 ? bystander : api.OrgId)
            .Replace("{scheduleId}", mutating ? "sch_doesnotexist0000" : Id(scheduleId))
            .Replace("{applicationId:long}", hostileId ? "-" + random.Next(1000) : target.ApplicationId.ToString())
            .Replace("{jobId:long}", hostileId ? "99999999999999999999999" : "1")
            .Replace("{userId:long}", hostileId ? "0" : target.InterviewerUserIds[0].ToString())
            .Replace("{tokenId}", "tok_" + random.Next(1_000_000))
            .Replace("{linkId}", "lnk_" + random.Next(1_000_000))
            .Replace("{kind}", random.Next(2) == 0 ? "scheduled" : Id("weird"))
            .Replace("{token}", Id("not.a-link"));
        if (random.Next(6) == 0)
            path += "?limit=" + Uri.EscapeDataString(HostileStrings[random.Next(HostileStrings.Length)]) + "&cursor=" + Uri.EscapeDataString(HostileStrings[random.Next(HostileStrings.Length)]);
        // A different method only where the route does not take it (405); a valid request must not slip in this way.
        var flipped = new[] { "PUT", "DELETE", "PATCH", "POST" }[random.Next(4)];
        var method = random.Next(25) == 0 && !_shapes.Any(s => s.Route == shape.Route && s.Method == flipped) ? new HttpMethod(flipped) : new HttpMethod(shape.Method);
        var request = new HttpRequestMessage(method, path);

        // Callers: mostly the org's own token (to reach validation), sometimes none, a forged one, another org's, the admin.
        var caller = random.Next(12);
        var token = caller switch
        {
            0 => null,
            1 => "gs." + api.OrgId + ".tok_x.forged",
            2 => HostileStrings[random.Next(HostileStrings.Length)].Replace("\n", ""),
            3 => bystanderToken,
            4 when !mutating => ApiFactory.AdminToken,
            _ => mutating ? "gs.org_nobody.tok_nobody.nope" : CurrentToken,
        };
        if (token is not null && !token.Contains('\0') && token.All(c => c < 128 && !char.IsControl(c)))
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (random.Next(20) == 0)
            request.Headers.TryAddWithoutValidation("If-Match", Ascii(HostileStrings[random.Next(HostileStrings.Length)]));
        if (random.Next(20) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(2) == 0 ? "" : new string('k', 300));

        if (shape.Body is not null || random.Next(8) == 0)
        {
            request.Content = Body(random, shape.Body, allowHuge: shape.Body is not null);
            // Over the 2 MB limit the server answers 413 before the upload ends; wait for its answer instead of pushing on.
            if (request.Content.Headers.ContentLength > 2 * 1024 * 1024)
                request.Headers.ExpectContinue = true;
        }

        return request;
    }

    private static HttpContent Body(Random random, Func<Random, JsonNode?>? poisoner, bool allowHuge)
    {
        // Over-limit bodies go only to endpoints that read a body: one that does not answers before reading, and the
        // client cannot finish sending what the server will never take.
        var kind = random.Next(12);
        if (kind == 4 && !allowHuge)
            kind = 3;
        var text = kind switch
        {
            0 => "{\"unterminated\": ",
            1 => new string('[', 5000) + new string(']', 5000),
            2 => "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":{i}")) + "}",
            3 => "\u0000\u0001\u0002 not json",
            4 => "{\"big\":\"" + new string('x', 2_500_000) + "\"}",
            _ => poisoner?.Invoke(random)?.ToJsonString().Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal) ?? "null",
        };
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = random.Next(10) switch
        {
            0 => new MediaTypeHeaderValue("text/plain"),
            1 => new MediaTypeHeaderValue("application/x-www-form-urlencoded"),
            2 => null,
            3 => new MediaTypeHeaderValue("application/xml"),
            _ => new MediaTypeHeaderValue("application/json"),
        };
        return content;
    }

    /// <summary>HttpClient sends only printable ASCII in headers; keep the hostile part that survives.</summary>
    private static string Ascii(string text) => new(text.Where(c => c is >= ' ' and < (char)127).ToArray());

    private string CurrentToken => api.Client.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>What must not change: the org, its connection, tokens, templates, defaults, a schedule, interviewer settings, sent emails.</summary>
    private static async Task<string> SnapshotAsync(string orgId, HttpClient client, string? scheduleId)
    {
        var parts = new List<string>();
        async Task Add(string path, params string[] drop)
        {
            var response = await client.GetAsync($"/api/v1/orgs/{orgId}{path}");
            var body = await response.Content.ReadAsStringAsync();
            var node = JsonNode.Parse(body);
            foreach (var field in drop.Append("traceId"))
                (node as JsonObject)?.Remove(field);
            parts.Add($"{path} {(int)response.StatusCode} {node?.ToJsonString()}");
        }

        await Add("");
        await Add("/greenhouse", "lastVerification");
        await Add("/email-templates");
        await Add("/scheduling-defaults");
        var tokens = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/tokens");
        parts.Add(string.Join(",", tokens.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString() + t.GetProperty("revokedAt"))));
        await Add("/schedules");
        await Add("/emails");
        if (scheduleId is not null)
            await Add($"/schedules/{scheduleId}", "updatedAt");
        return string.Join("\n", parts);
    }
}

public sealed class HostileInputOnMemorySpecs(HostileInputSpecs.OverKestrelApi api) : HostileInputSpecs(api), IClassFixture<HostileInputSpecs.OverKestrelApi>;

[Trait("Store", "PostgreSQL")]
public sealed class HostileInputOnPostgresSpecs(HostileInputSpecs.OverKestrelPostgresApi api) : HostileInputSpecs(api), IClassFixture<HostileInputSpecs.OverKestrelPostgresApi>;
