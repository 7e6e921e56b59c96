namespace GemScheduling.HarvestSandbox;

/// <summary>
/// One per-endpoint permission a Harvest API key can be granted in Greenhouse's Dev Center.
/// <see cref="Id"/> is our stable identifier (shared with GemScheduling); <see cref="DisplayName"/> is the
/// Dev Center wording; <see cref="Method"/> and <see cref="PathTemplate"/> name the v1/v2 endpoint it guards.
/// </summary>
public sealed record HarvestPermission(string Id, string DisplayName, string Method, string PathTemplate)
{
    public bool IsWrite => Method is "POST" or "PATCH" or "PUT" or "DELETE";

    public override string ToString() => Id;
}
