using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// Where people reach this service (<c>PublicBaseUrl</c>), for the links GemScheduling hands out: never the request's
/// Host header, which any client can set. Required in production; the embedded default uses its own address.
/// </summary>
internal sealed class PublicUrls(IConfiguration configuration, IServer server)
{
    public const string Setting = "PublicBaseUrl";

    private Uri? _base = Parse(configuration[Setting]);

    public string For(string path)
    {
        _base ??= server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => Parse(a.Replace("://+", "://localhost").Replace("://*", "://localhost")))
                      .FirstOrDefault(u => u is not null)
                  ?? new Uri(HostingExtensions.DefaultLocalUrl);
        return new Uri(_base, path.TrimStart('/')).ToString();
    }

    /// <summary>Null when the setting is fine; otherwise what to fix, in one line.</summary>
    public static string? Problem(string? configured, bool embedded) =>
        configured is not { Length: > 0 } text
            ? embedded ? null : $"{Setting} (the URL candidates and coordinators open, e.g. https://scheduling.example.com) is required with PostgreSQL."
            : Parse(text) is null ? $"{Setting} '{text}' must be an absolute http(s) URL without a query." : null;

    private static Uri? Parse(string? text) =>
        Uri.TryCreate(text?.TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query.Length == 0 ? url : null;
}
