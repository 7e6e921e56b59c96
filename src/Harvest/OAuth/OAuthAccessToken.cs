namespace GemScheduling.Harvest.OAuth;

/// <summary>A Harvest v3 access token for one (client, acting user). Never logged: <see cref="ToString"/> hides it.</summary>
public sealed record OAuthAccessToken(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Half-way through its life, and at the latest five minutes before it expires, a token is replaced.</summary>
    public DateTimeOffset RefreshAt
    {
        get
        {
            var lifetime = ExpiresAt - IssuedAt;
            var early = ExpiresAt - TimeSpan.FromMinutes(5);
            var half = IssuedAt + lifetime / 2;
            return early > half ? early : half;
        }
    }

    public override string ToString() => $"OAuthAccessToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
