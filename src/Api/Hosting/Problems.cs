using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Hosting;

/// <summary>The problem responses endpoints return directly (thrown domain errors go through ProblemExceptionHandler).</summary>
internal static class Problems
{
    public const string TypeBase = "https://gemscheduling.dev/problems/";

    public static ProblemHttpResult NotFound(string what, string? id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} '{id}' exists here.");

    /// <summary>422 with <c>errors: { field: [messages] }</c>.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? title = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title ?? "The request is not valid.",
            Type = TypeBase + "validation",
        });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
