using System.Globalization;
using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// A v3 date filter in the pipe syntax (docs/HARVEST-CONTRACT.md §11): <c>gte|2024-01-01T00:00:00Z</c>, with <c>gte|gt|lte|lt</c>,
/// or two operators at once, <c>gte|…|lte|…</c>.
/// </summary>
internal readonly record struct V3DateFilter(DateTimeOffset? Lower, bool LowerInclusive, DateTimeOffset? Upper, bool UpperInclusive)
{
    public bool IsEmpty => Lower is null && Upper is null;

    /// <summary>A date (<c>*_on</c>) compared as its midnight UTC.</summary>
    public bool Contains(DateOnly? value) =>
        Contains(value is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);

    public bool Contains(DateTimeOffset? value)
    {
        if (IsEmpty)
        {
            return true;
        }

        if (value is not { } t)
        {
            return false;
        }

        return (Lower is null || (LowerInclusive ? t >= Lower : t > Lower)) &&
               (Upper is null || (UpperInclusive ? t <= Upper : t < Upper));
    }
}

/// <summary>
/// v3 list parameters. Stricter than v1 (assumed): a malformed value is a 422 naming the parameter rather than an
/// empty list. When a parameter repeats, the last occurrence wins (as in v1). Parameters a list does not document
/// never get here (<see cref="V3ListParameters"/>).
/// </summary>
internal sealed class V3Query(IQueryCollection query)
{
    /// <summary>docs/HARVEST-CONTRACT.md §11: <c>ids</c> and parent-id filters take at most 50 values.</summary>
    public const int MaxIds = 50;
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 500;

    private static readonly string[] Operators = ["gte", "gt", "lte", "lt"];

    public List<FieldError> Errors { get; } = [];

    public IQueryCollection Raw => query;

    public bool Has(string name) => Get(name) is not null;

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

    /// <summary>A comma-separated id list (<c>ids=1,2,3</c>): at most 50, all numeric.</summary>
    public HashSet<long>? Ids(string name)
    {
        var parts = List(name);
        if (parts is null)
        {
            return null;
        }

        var ids = new HashSet<long>();
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                Errors.Add(new FieldError($"{name} must be a comma-separated list of integer ids", name));
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>A comma-separated list of strings (at most 50).</summary>
    public List<string>? List(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxIds)
        {
            Errors.Add(new FieldError($"{name} accepts at most {MaxIds} values", name));
            return null;
        }

        return [.. parts];
    }

    public bool? Bool(string name)
    {
        var text = Get(name);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Errors.Add(new FieldError($"{name} must be true or false", name));
                return null;
        }
    }

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

        Errors.Add(new FieldError($"{name} must be an integer id", name));
        return null;
    }

    /// <summary>One value out of a fixed set; anything else is a 422 listing the allowed values.</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var text = Get(name);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        Errors.Add(new FieldError($"{name} must be one of: {string.Join(", ", allowed)}", name));
        return null;
    }

    /// <summary>Several values out of a fixed set, comma-separated (<c>type=recruiter,coordinator</c>).</summary>
    public HashSet<string>? AnyOf(string name, IReadOnlyCollection<string> allowed)
    {
        var values = List(name)?.ToHashSet(StringComparer.Ordinal);
        if (values is not null && !values.All(allowed.Contains))
        {
            Errors.Add(new FieldError($"{name} must be one or more of: {string.Join(", ", allowed)}", name));
            return null;
        }

        return values;
    }

    /// <summary><c>created_at</c> and <c>updated_at</c>, which every list takes (not both at once).</summary>
    public (V3DateFilter Created, V3DateFilter Updated) Timestamps()
    {
        NotTogether("created_at", "updated_at");
        return (Date("created_at"), Date("updated_at"));
    }

    /// <summary>The pipe-syntax date filter (see <see cref="V3DateFilter"/>).</summary>
    public V3DateFilter Date(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return default;
        }

        var parts = text.Split('|');
        DateTimeOffset? lower = null, upper = null;
        bool lowerInclusive = false, upperInclusive = false;
        var ok = parts.Length is 2 or 4;
        for (var i = 0; ok && i + 1 < parts.Length; i += 2)
        {
            var op = parts[i].Trim().ToLowerInvariant();
            if (!Operators.Contains(op) || !Iso8601.TryParseInstant(parts[i + 1], out var at))
            {
                ok = false;
                break;
            }

            if (op.StartsWith('g'))
            {
                ok = lower is null;
                (lower, lowerInclusive) = (at, op == "gte");
            }
            else
            {
                ok = upper is null;
                (upper, upperInclusive) = (at, op == "lte");
            }
        }

        if (!ok)
        {
            Errors.Add(new FieldError(
                $"{name} must be <operator>|<ISO-8601 timestamp> with operator gte, gt, lte or lt, at most one lower and one upper bound (e.g. gte|2024-01-01T00:00:00Z or gte|2024-01-01T00:00:00Z|lte|2024-02-01T00:00:00Z)",
                name));
            return default;
        }

        return new V3DateFilter(lower, lowerInclusive, upper, upperInclusive);
    }

    /// <summary>docs/HARVEST-CONTRACT.md §11: "Do not combine created_at with updated_at in one request."</summary>
    public void NotTogether(string first, string second)
    {
        if (Has(first) && Has(second))
        {
            Errors.Add(new FieldError($"{first} and {second} cannot be combined in one request", second));
        }
    }

    /// <summary><c>per_page</c>: 1–500, default 100; anything else is a 422 (assumed; v1 clamps instead).</summary>
    public int PerPage()
    {
        var text = Get("per_page");
        if (text is null)
        {
            return DefaultPerPage;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxPerPage)
        {
            return value;
        }

        Errors.Add(new FieldError($"per_page must be an integer between 1 and {MaxPerPage}", "per_page"));
        return DefaultPerPage;
    }
}
