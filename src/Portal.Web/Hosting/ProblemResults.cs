using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Domain.Validation;

namespace Portal.Web.Hosting;

/// <summary>
/// The RFC 7807 answers every API gives: validation errors keyed by field, not-found, and (for middleware, which has
/// no endpoint result to return) any status with a title and a detail. None ever carries an exception's type or stack.
/// </summary>
public static class ProblemResults
{
    public static ValidationProblem Invalid(IReadOnlyList<ValidationError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request is not valid.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>
    /// Replaces whatever the response holds with a problem details body (its title the status's reason phrase unless
    /// given). JSON whatever the caller accepts, as the typed results above: a problem is not an HTML page.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string detail, string? title = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title ?? ReasonPhrases.GetReasonPhrase(status),
            Detail = detail,
        }).ExecuteAsync(context);
    }
}
