using GemScheduling.Security;

namespace GemScheduling.Planning.Booking;

/// <summary>Signs booking and manage links under their own key, so neither can pass for an availability link or for the other.</summary>
public sealed class BookingTokens(CredentialProtector protector, TimeProvider time) : IBookingTokens
{
    private readonly SignedTokens<Payload> _tokens = new(protector, "gemscheduling/booking-links/v1");

    public string Issue(BookingToken token) =>
        _tokens.Sign(new Payload(token.OrgId, token.ApplicationId, token.LinkId, token.Kind == BookingTokenKind.Manage ? "m" : "b", token.ExpiresAt.ToUnixTimeSeconds()));

    public BookingToken? Read(string token, out bool expired)
    {
        expired = false;
        if (_tokens.Open(token) is not { O: not null, L: not null, K: "b" or "m" } decoded)
            return null;
        var grant = new BookingToken(decoded.O, decoded.A, decoded.L, decoded.K == "m" ? BookingTokenKind.Manage : BookingTokenKind.Book,
            DateTimeOffset.FromUnixTimeSeconds(decoded.E));
        expired = grant.ExpiresAt <= time.GetUtcNow();
        return grant;
    }

    private sealed record Payload(string O, long A, string L, string K, long E);
}
