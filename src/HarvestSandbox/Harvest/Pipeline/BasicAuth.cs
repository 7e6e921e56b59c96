using System.Text;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class BasicAuth
{
    /// <summary>The API key from <c>Authorization: Basic base64("key:")</c>; the password is ignored.</summary>
    public static string? ReadKey(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            var user = colon < 0 ? decoded : decoded[..colon];
            return user.Length == 0 ? null : user;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
