using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Validation;

namespace Portal.Web.Hosting;

/// <summary>The RFC 7807 answers every API gives: validation errors keyed by field, and not-found.</summary>
public static class ProblemResults
{
    public static ValidationProblem Invalid(IReadOnlyList<ValidationError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request is not valid.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
