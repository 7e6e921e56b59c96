namespace GemScheduling.Api.Pages.Shared;

/// <summary>
/// What every HTML page answers with: nothing cached (a page can hold a candidate's name and a link token in its URL),
/// no Referer sent onwards (it would carry the token), scripts and styles only from this service, and no framing.
/// </summary>
internal sealed class PageHeaders : IEndpointFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        return next(context);
    }
}
