using System.Text;
using GemScheduling.Persistence.ReadModel;
using Microsoft.AspNetCore.WebUtilities;

namespace GemScheduling.Api.Hosting;

/// <summary><c>?limit=</c> (1–500, default 50) and an opaque <c>?cursor=</c>; the next page's URL in the body and a Link header.</summary>
internal static class Paging
{
    public static ReadQuery Query(int? limit, string? cursor, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > 500)
            errors["limit"] = ["Must be between 1 and 500."];
        long? after = null;
        if (cursor is not null)
        {
            after = Decode(cursor);
            if (after is null)
                errors["cursor"] = ["Not a cursor this API returned."];
        }

        return new ReadQuery { Limit = limit ?? 50, AfterId = after };
    }

    public static ListResponse<T> Respond<T>(Page<T> page, HttpContext http)
    {
        string? next = null;
        if (page.NextAfterId is { } afterId)
        {
            var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value)
                .Where(q => !q.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>("cursor", Encode(afterId)));
            next = QueryHelpers.AddQueryString(Paging.SelfUrl(http), query);
            http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }

        return new ListResponse<T>(page.Items, next);
    }

    /// <summary>This request's URL without its query, on the configured public base URL (never the Host header).</summary>
    public static string SelfUrl(HttpContext http) =>
        http.RequestServices.GetRequiredService<PublicUrls>().For($"{http.Request.PathBase}{http.Request.Path}");

    public static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
            throw new ValidationFailedException(errors);
    }

    private static string Encode(long afterId) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"a:{afterId}"));

    private static long? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith("a:", StringComparison.Ordinal) && long.TryParse(text[2..], out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
