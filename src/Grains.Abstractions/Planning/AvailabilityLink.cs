namespace GemScheduling.Planning;

/// <summary>
/// What a candidate's availability link grants: one application of one org, until it expires. <see cref="LinkId"/>
/// names the link in the application's history, so it can be revoked or used up; links made before ids existed have none.
/// </summary>
public sealed record AvailabilityLink(string OrgId, long ApplicationId, DateTimeOffset ExpiresAt, string? LinkId = null);

/// <summary>Signs the tokens in candidates' availability links and checks the ones they bring back.</summary>
public interface IAvailabilityLinkSigner
{
    string Issue(AvailabilityLink link);

    /// <summary>The link, when the token is genuine; <paramref name="expired"/> tells a genuine but lapsed link apart.</summary>
    AvailabilityLink? Read(string token, out bool expired);
}
