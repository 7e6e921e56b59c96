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
        if (EntityTagHeaderValue.TryParse(header, out var tag) && int.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
            return version;
        throw new ValidationFailedException("If-Match", "Must be an ETag this API returned, e.g. \"3\".");
    }
}
