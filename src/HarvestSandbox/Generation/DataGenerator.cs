using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

/// <summary>
/// Builds an organization's data from a seed, a scale and a reference date. Same inputs, byte-identical data
/// (check with <see cref="OrgData.Fingerprint"/>). History lies before the reference date; upcoming interviews
/// and availability windows after it.
/// </summary>
internal sealed partial class DataGenerator
{
    private readonly SeededRandom _rng;
    private readonly DataScale _scale;
    private readonly DateOnly _referenceDate;
    private readonly DateTimeOffset _reference;
    private readonly OrgData _data;
    private readonly HashSet<string> _emailsInUse = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _slugs = new(StringComparer.Ordinal);

    // People pools built while generating users.
    private readonly List<User> _recruitingTeam = [];
    private readonly List<User> _enabledUsers = [];

    private DataGenerator(int seed, DataScale scale, DateOnly referenceDate, OrgData data)
    {
        _rng = SeededRandom.For(seed, "data");
        _scale = scale;
        _referenceDate = referenceDate;
        _reference = new DateTimeOffset(referenceDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _data = data;
    }

    public static OrgData Generate(int seed, DataScale scale, DateOnly referenceDate)
    {
        var naming = SeededRandom.For(seed, "company");
        var company = NameBank.Companies[naming.Next(NameBank.Companies.Length)];
        var data = new OrgData { CompanyName = company, EmailDomain = $"{NameBank.Slug(company)}.example" };
        var generator = new DataGenerator(seed, scale, referenceDate, data);
        generator.Run();
        return data;
    }

    private void Run()
    {
        GenerateSourcesAndReasons();
        GenerateOffices();
        GenerateDepartments();
        GenerateUsers();
        GenerateJobs();
        GenerateCandidates();
        GenerateApplications();
        FinishCandidates();
        GenerateInterviews();
        GenerateFeeds();
        GenerateStageHistory();
    }

    /// <summary>A random instant between <paramref name="from"/> and <paramref name="to"/>, millisecond precision.</summary>
    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return from;
        }

        var ms = (long)((to - from).TotalMilliseconds * _rng.NextDouble());
        return from.AddMilliseconds(ms);
    }

    private DateTimeOffset DaysAgo(int minDays, int maxDays) =>
        Between(_reference.AddDays(-maxDays), _reference.AddDays(-minDays));

    private string UniqueEmail(string localPart, string domain)
    {
        var candidate = $"{localPart}@{domain}";
        for (var n = 2; !_emailsInUse.Add(candidate); n++)
        {
            candidate = $"{localPart}{n}@{domain}";
        }

        return candidate;
    }

    private string Slug(string name)
    {
        if (!_slugs.TryGetValue(name, out var slug))
        {
            _slugs[name] = slug = NameBank.Slug(name);
        }

        return slug;
    }

    private (string First, string Last) PersonName() =>
        (_rng.Pick(NameBank.FirstNames), _rng.Pick(NameBank.LastNames));

    private string Hex(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[_rng.Next(16)];
        }

        return new string(chars);
    }
}
