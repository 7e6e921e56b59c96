namespace GemScheduling.Schedules;

/// <summary>
/// Remembers which schedule an <c>Idempotency-Key</c> created, and the request it came with. Keyed
/// <c>{orgId}/idem/{sha256(key)}</c>.
/// </summary>
[Alias("gs.idempotency")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// The schedule id this key is bound to: <paramref name="proposedScheduleId"/> on first use, the earlier one when the
    /// request is the same. A different request under the same key throws a validation error.
    /// </summary>
    [Alias("claim-request")]
    Task<string> Claim(CreateSchedule request, string proposedScheduleId);

    /// <summary>The grain of an org's key; the key itself is hashed, so any header value makes a short, safe grain key.</summary>
    public static string Key(string orgId, string idempotencyKey) =>
        $"{orgId}/idem/{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)))}";
}
