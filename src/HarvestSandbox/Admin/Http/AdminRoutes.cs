using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GemScheduling.HarvestSandbox.Admin.Http;

/// <summary>One /_admin request: the state, the org in the path, the JSON body.</summary>
internal sealed class AdminCall(HttpContext http, SandboxState state)
{
    public HttpContext Http { get; } = http;

    public SandboxState State { get; } = state;

    public SandboxOrganization Org() => State.GetOrganization((string)Http.Request.RouteValues["orgId"]!);

    public long Id(string name = "id") =>
        long.Parse((string)Http.Request.RouteValues[name]!, NumberStyles.None, CultureInfo.InvariantCulture);

    public string Route(string name) => (string)Http.Request.RouteValues[name]!;

    public string? Query(string name) => Http.Request.Query[name] is { Count: > 0 } v ? v[^1] : null;

    public long? QueryId(string name) =>
        Query(name) is { } text ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    public bool? QueryBool(string name) => Query(name) is { } text ? bool.Parse(text) : null;

    public async Task<T> Body<T>(JsonTypeInfo<T> typeInfo)
    {
        if (Http.Request.ContentLength is 0 || (Http.Request.ContentLength is null && !Http.Request.Headers.TransferEncoding.Any()))
        {
            return JsonSerializer.Deserialize("{}", typeInfo) ?? throw new ArgumentException("A JSON body is required.");
        }

        return await JsonSerializer.DeserializeAsync(Http.Request.Body, typeInfo, Http.RequestAborted)
               ?? throw new ArgumentException("A JSON body is required.");
    }

    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = 200) =>
        TypedResults.Json(value, typeInfo, statusCode: status);

    public static IResult Ok(string message = "ok") => Json(new MessageResponse(message), AdminJsonContext.Default.MessageResponse);
}

internal delegate Task<IResult> AdminHandler(AdminCall call);

/// <summary>
/// /_admin route group. No Harvest auth; when an admin token is configured it requires
/// <c>Authorization: Bearer &lt;token&gt;</c>. Unknown ids → 404, bad input → 400, both as <c>{"message": ...}</c>.
/// </summary>
internal sealed class AdminRoutes(RouteGroupBuilder group, SandboxState state, string? token)
{
    public RouteGroupBuilder Group { get; } = group;

    public void Get(string pattern, AdminHandler handler) => Map("GET", pattern, handler);

    public void Post(string pattern, AdminHandler handler) => Map("POST", pattern, handler);

    public void Put(string pattern, AdminHandler handler) => Map("PUT", pattern, handler);

    public void Patch(string pattern, AdminHandler handler) => Map("PATCH", pattern, handler);

    public void Delete(string pattern, AdminHandler handler) => Map("DELETE", pattern, handler);

    private void Map(string method, string pattern, AdminHandler handler) =>
        Group.MapMethods(pattern, [method], context => RunAsync(context, handler));

    private async Task RunAsync(HttpContext http, AdminHandler handler)
    {
        IResult result;
        if (token is not null && http.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            result = Error(StatusCodes.Status401Unauthorized, "Admin token required: Authorization: Bearer <token>");
        }
        else
        {
            try
            {
                result = await handler(new AdminCall(http, state));
            }
            catch (KeyNotFoundException e)
            {
                result = Error(StatusCodes.Status404NotFound, e.Message);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException or FormatException or OverflowException)
            {
                result = Error(StatusCodes.Status400BadRequest, e.Message);
            }
        }

        await result.ExecuteAsync(http);
    }

    private static IResult Error(int status, string message) =>
        AdminCall.Json(new MessageResponse(message), AdminJsonContext.Default.MessageResponse, status);
}
