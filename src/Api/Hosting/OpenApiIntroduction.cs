namespace GemScheduling.Api.Hosting;

/// <summary>The introduction at the top of the API reference: what a client must know before its first call.</summary>
internal static class OpenApiIntroduction
{
    public const string Text = """
        GemScheduling schedules interview loops for recruiting teams on Greenhouse: it syncs jobs, candidates and
        users, suggests loops, books them, and writes interviews, notes and emails back to Greenhouse exactly once.

        **Authentication.** Send `Authorization: Bearer <token>`. An org token (`gs.{orgId}.{tokenId}.{secret}`,
        issued by `POST /api/v1/orgs/{orgId}/tokens`) has a role: `read` (GET only), `coordinator` (schedules,
        availability, suggestions, interviewer settings, syncs) or `admin` (also tokens, the Greenhouse connection,
        templates and settings). The operator's admin token creates orgs. Candidate links (`/api/v1/availability-links/{token}`,
        `/api/v1/booking-links/{token}`, `/api/v1/bookings/{token}`) need no token: the link is the credential.

        **Tenancy.** Everything an org owns lives under `/api/v1/orgs/{orgId}`. A token used on another org's path gets
        404, never 403, so ids do not leak between orgs.

        **Ids.** Greenhouse objects keep their Greenhouse ids: int64, sent as JSON numbers. Following RFC 7493, an id
        above 2^53 − 1 would be sent as a decimal string so JavaScript keeps it exactly; Greenhouse has issued none so far.
        Ids are accepted as numbers or strings. GemScheduling's own ids (orgs, schedules, tokens, links) are opaque strings.

        **Paging.** Lists take `?limit=` (1–500, default 50) and `?cursor=`, and answer `{ "items": [...], "next": url|null }`,
        with the same `next` in a `Link` header. Follow `next` as given.

        **Errors.** Every 4xx and 5xx is an RFC 9457 problem (`application/problem+json`). 422 lists each invalid field in
        `errors`; a Greenhouse failure carries `greenhouse` (what Greenhouse said) and is 502, 504, or 503 with
        `Retry-After` when its rate limit or the org's own budget holds the call. 429 means this API's rate limit:
        wait `Retry-After` seconds.

        **Idempotency and concurrency.** `POST .../schedules` takes an `Idempotency-Key` header: the same key and body
        return the same schedule (`Idempotent-Replayed: true`), the same key with another body is refused. A schedule
        answers with an `ETag`; send it as `If-Match` on `PATCH` and `cancel` so a change made meanwhile is not overwritten (409).
        """;
}
