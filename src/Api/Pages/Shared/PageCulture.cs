using System.Globalization;

namespace GemScheduling.Api.Pages.Shared;

/// <summary>The language dates are shown in: the browser's first Accept-Language the platform knows, else English.</summary>
internal static class PageCulture
{
    private static readonly CultureInfo Fallback = CultureInfo.GetCultureInfo("en-US");

    public static CultureInfo For(HttpRequest request)
    {
        foreach (var language in request.GetTypedHeaders().AcceptLanguage.Where(l => l.Quality is not 0)
                     .OrderByDescending(l => l.Quality ?? 1).Take(8))
        {
            try
            {
                if (language.Value.Value is { Length: > 0 and <= 35 } name && name != "*")
                    return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
            }
        }

        return Fallback;
    }
}
