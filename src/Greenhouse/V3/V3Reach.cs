using GemScheduling.Harvest;

namespace GemScheduling.Greenhouse;

/// <summary>
/// What a v3 connection reads with: the Greenhouse user whose token reads (null: the credential's Integration Service
/// User), and the optional scopes it was verified without, so joins that need them are skipped rather than refused.
/// </summary>
internal sealed record V3Reach(long? ReaderUserId, IReadOnlySet<string> MissingScopes)
{
    public static readonly V3Reach Everything = new(null, new HashSet<string>());

    public bool Has(string scope) => !MissingScopes.Contains(scope);

    public bool HasDefaultInterviewers => Has(HarvestV3Scopes.InterviewKitsList) && Has(HarvestV3Scopes.DefaultInterviewersList);
}

/// <summary>
/// A value built once and shared by everyone who asks while it is valid; a failed or cancelled build is forgotten, so
/// the next caller (a retry, or a pass resumed after a crash) builds it again instead of inheriting the failure.
/// </summary>
internal sealed class Once<T>(Func<CancellationToken, Task<T>> build)
{
    private readonly Lock _gate = new();
    private Task<T>? _value;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> value;
        lock (_gate)
            value = _value ??= Task.Run(() => build(cancellationToken), cancellationToken);
        try
        {
            return await value.WaitAsync(cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                if (ReferenceEquals(_value, value) && !value.IsCompletedSuccessfully)
                    _value = null;
            }

            throw;
        }
    }
}
