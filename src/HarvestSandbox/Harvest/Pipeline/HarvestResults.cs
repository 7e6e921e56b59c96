using System.Text;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>Error bodies as Greenhouse sends them: <c>{"message": ...}</c>, or the documented 422 shape (docs/HARVEST-CONTRACT.md §5).</summary>
internal static class HarvestResults
{
    public const string InvalidCredentials = "Invalid Basic Auth credentials";
    public const string ResourceNotFound = "Resource not found";

    public static IResult Message(int status, string message) =>
        TypedResults.Json(new MessageBody(message), HarvestJson.MessageBody, statusCode: status);

    public static IResult Unauthorized() => Message(StatusCodes.Status401Unauthorized, InvalidCredentials);

    public static IResult NotFound() => Message(StatusCodes.Status404NotFound, ResourceNotFound);

    public static IResult BadRequest(string message = "Bad Request") => Message(StatusCodes.Status400BadRequest, message);

    public static IResult Forbidden(string message) => Message(StatusCodes.Status403Forbidden, message);

    public static IResult Validation(IReadOnlyList<FieldError> errors, string message = "Validation error") =>
        TypedResults.Json(new ValidationErrorBody(message, errors), HarvestJson.ValidationErrorBody,
            statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Unprocessable(string message, string field) => Validation([new FieldError(message, field)], message);

    /// <summary>What a load balancer in front of Harvest sends for 502/503: HTML, not JSON.</summary>
    public static IResult GatewayHtml(int status)
    {
        var title = status == 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
        var html = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n";
        return TypedResults.Text(html, "text/html", Encoding.UTF8, status);
    }

    public static bool IsSuccess(IResult result) =>
        (result as IStatusCodeHttpResult)?.StatusCode is null or (>= 200 and < 300);
}
