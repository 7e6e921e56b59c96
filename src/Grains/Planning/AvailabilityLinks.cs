using GemScheduling.Security;

namespace GemScheduling.Planning;

/// <summary>
/// Signs and checks the links candidates use to submit availability without an account: the token carries the org,
/// the application, the link id and the expiry, so it cannot be pointed at another application.
/// </summary>
public sealed class AvailabilityLinks(CredentialProtector protector, TimeProvider time) : IAvailabilityLinkSigner
{
    private readonly SignedTokens<Payload> _tokens = new(protector, "gemscheduling/availability-links/v1");

    public string Issue(AvailabilityLink link) =>
        _tokens.Sign(new Payload(link.OrgId, link.ApplicationId, link.ExpiresAt.ToUnixTimeSeconds(), link.LinkId));

    public AvailabilityLink? Read(string token, out bool expired)
    {
        expired = false;
        if (_tokens.Open(token) is not { O: not null } decoded)
            return null;
        var link = new AvailabilityLink(decoded.O, decoded.A, DateTimeOffset.FromUnixTimeSeconds(decoded.E), decoded.L);
        expired = link.ExpiresAt <= time.GetUtcNow();
        return link;
    }

    private sealed record Payload(string O, long A, long E, string? L = null);
}
