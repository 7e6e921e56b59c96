namespace GemScheduling.HarvestSandbox.Tests.Support;

public static class Headers
{
    public static string? Value(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    public static int? IntValue(this HttpResponseMessage response, string name) =>
        response.Value(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}
