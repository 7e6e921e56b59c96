using System.Globalization;

namespace GemScheduling;

/// <summary>An application grain's key, <c>{orgId}/app-{applicationId}</c>: built and read in this one place.</summary>
public readonly record struct ApplicationKey(string OrgId, long ApplicationId)
{
    private const string Separator = "/app-";

    public override string ToString() => $"{OrgId}{Separator}{ApplicationId.ToString(CultureInfo.InvariantCulture)}";

    public static ApplicationKey Parse(string key)
    {
        var at = key.LastIndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && long.TryParse(key.AsSpan(at + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new ApplicationKey(key[..at], id)
            : throw new FormatException($"'{key}' is not an application grain key.");
    }
}

/// <summary>A schedule grain's key, <c>{orgId}/{scheduleId}</c>.</summary>
public readonly record struct ScheduleKey(string OrgId, string ScheduleId)
{
    public override string ToString() => $"{OrgId}/{ScheduleId}";

    public static ScheduleKey Parse(string key)
    {
        var at = key.IndexOf('/', StringComparison.Ordinal);
        return at > 0 && at < key.Length - 1 && key.IndexOf('/', at + 1) < 0
            ? new ScheduleKey(key[..at], key[(at + 1)..])
            : throw new FormatException($"'{key}' is not a schedule grain key.");
    }
}
