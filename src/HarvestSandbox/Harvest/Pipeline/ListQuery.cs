using System.Globalization;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox.Harvest;

internal readonly record struct PageRequest(int Page, int PerPage, bool SkipCount);

/// <summary>An <c>*_after</c> (inclusive) / <c>*_before</c> (exclusive) pair (docs/HARVEST-CONTRACT.md §3).</summary>
internal readonly record struct DateRange(DateTimeOffset? After, DateTimeOffset? Before)
{
    public bool IsEmpty => After is null && Before is null;

    public bool Contains(DateTimeOffset t) => (After is null || t >= After) && (Before is null || t < Before);
}

/// <summary>
/// Reads list-endpoint query parameters with Rails semantics: when a parameter repeats, the last occurrence
/// wins (this is what makes Greenhouse's repeated-parameter Link URLs work). Collects every invalid parameter
/// so the 422 can name them all.
/// </summary>
internal sealed class ListQuery(IQueryCollection query)
{
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 500;

    public List<FieldError> Errors { get; } = [];

    /// <summary>Set when an id filter is not a number: Rails would match nothing, so the list is empty.</summary>
    public bool MatchesNothing { get; set; }

    public string? Get(string name)
    {
        var values = query[name];
        if (values.Count == 0)
        {
            return null;
        }

        var last = values[values.Count - 1];
        return string.IsNullOrWhiteSpace(last) ? null : last.Trim();
    }

    public DateTimeOffset? Date(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (Iso8601.TryParseInstant(text, out var value))
        {
            return value;
        }

        Errors.Add(new FieldError($"Invalid date for {name}: '{text}' is not an ISO-8601 timestamp", name));
        return null;
    }

    public DateRange Range(string prefix) => new(Date($"{prefix}_after"), Date($"{prefix}_before"));

    public bool? Bool(string name) => Get(name)?.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    public long? Id(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        MatchesNothing = true;
        return null;
    }

    public PageRequest Paging()
    {
        var perPage = DefaultPerPage;
        var perPageText = Get("per_page");
        if (perPageText is not null)
        {
            if (!long.TryParse(perPageText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Errors.Add(new FieldError($"per_page must be an integer between 1 and {MaxPerPage}", "per_page"));
            }
            else
            {
                perPage = (int)Math.Min(value, MaxPerPage);
            }
        }

        var page = 1;
        var pageText = Get("page");
        if (pageText is not null)
        {
            if (!long.TryParse(pageText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 1 || value > int.MaxValue)
            {
                Errors.Add(new FieldError("page must be a positive integer", "page"));
            }
            else
            {
                page = (int)value;
            }
        }

        return new PageRequest(page, perPage, Bool("skip_count") == true);
    }
}
