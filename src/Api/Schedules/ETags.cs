using Microsoft.Net.Http.Headers;

namespace GemScheduling.Api.Schedules;

/// <summary>A schedule's ETag is its revision (it changes when what is scheduled changes, not as writes progress).</summary>
internal static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>The version If-Match asks for; null when absent or "*". A malformed header is a 400.</summary>
    public static int? Expected(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
            return null;
        return TryVersion(header, out var version) ? version : throw new ValidationFailedException("If-Match", "Must be an ETag this API returned, e.g. \"3\".");
    }

    /// <summary>True when If-Match names a version ("*" names none, and a malformed header none either).</summary>
    public static bool NamesVersion(HttpRequest request) => TryVersion(request.Headers.IfMatch.ToString(), out _);

    private static bool TryVersion(string header, out int version)
    {
        version = 0;
        return EntityTagHeaderValue.TryParse(header, out var tag) && int.TryParse(tag.Tag.AsSpan().Trim('"'), out version);
    }
}
