using System.Security.Cryptography;
using System.Text;
using GemScheduling.Suggestions.Calendar;
using Microsoft.Extensions.Caching.Memory;

namespace GemScheduling.Planning;

/// <summary>
/// Interviewers' imported calendars, parsed once per calendar text and range rather than on every suggestion request
/// (parsing a pool of 100 calendars costs far more than the search itself).
/// </summary>
public sealed class ParsedCalendars : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 500_000 });

    public IcsBusyTimes Parse(string ics, DateTimeOffset from, DateTimeOffset to, string? zone)
    {
        // Whole UTC days, so requests made minutes apart share an entry; busy time just outside the range is harmless.
        var start = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var end = new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        if (end - start > IcsBusyTimeParser.MaxRange)
            end = start + IcsBusyTimeParser.MaxRange;
        var key = (Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ics))), start, end, zone);
        return _cache.GetOrCreate(key, entry =>
        {
            var parsed = IcsBusyTimeParser.Parse(ics, start, end, zone);
            entry.Size = 1 + parsed.Busy.Count + parsed.Problems.Count;
            entry.SlidingExpiration = TimeSpan.FromMinutes(15);
            return parsed;
        })!;
    }

    /// <summary>
    /// As <see cref="Parse"/>, on the thread pool: a large calendar's expansion (bounded by the parser's budget) never
    /// runs on the caller's thread, a request's or a grain's.
    /// </summary>
    public async Task<IcsBusyTimes> ParseAsync(string ics, DateTimeOffset from, DateTimeOffset to, string? zone) =>
        await Task.Run(() => Parse(ics, from, to, zone));

    public void Dispose() => _cache.Dispose();
}
