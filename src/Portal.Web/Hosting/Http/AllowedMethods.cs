using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Portal.Web.Hosting.Http;

/// <summary>
/// Which methods the API answers at a path. Routing alone cannot say so here: the API's fallback takes every method
/// (an unknown address must still ask for a session), so a DELETE where only GET exists would reach it and be told
/// "not found". The fallback asks this instead and answers 405 with <c>Allow</c> when the path exists.
/// </summary>
public sealed class AllowedMethods(EndpointDataSource endpoints, ParameterPolicyFactory policies)
{
    private readonly Lazy<IReadOnlyList<Route>> routes = new(() => Collect(endpoints, policies));

    /// <summary>The methods of every API endpoint whose route matches the request's path (constraints included).</summary>
    public IReadOnlyList<string> At(HttpContext context)
    {
        var methods = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes.Value)
        {
            var values = new RouteValueDictionary();
            if (route.Matcher.TryMatch(context.Request.Path, values)
                && route.Constraints.All(c => c.Constraint.Match(context, null, c.Name, values, RouteDirection.IncomingRequest)))
            {
                methods.UnionWith(route.Methods);
            }
        }

        return [.. methods];
    }

    private static List<Route> Collect(EndpointDataSource endpoints, ParameterPolicyFactory policies)
    {
        var routes = new List<Route>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            // Fallbacks (ordered last) take any path: they are what asks, not an answer.
            if (endpoint.Order == int.MaxValue
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods
                || pattern.PathSegments.FirstOrDefault()?.Parts.FirstOrDefault() is not RoutePatternLiteralPart { Content: "api" })
            {
                continue;
            }

            var constraints = pattern.ParameterPolicies
                .SelectMany(p => p.Value.Select(reference => (Name: p.Key, Policy: policies.Create(pattern.GetParameter(p.Key), reference))))
                .Where(p => p.Policy is IRouteConstraint)
                .Select(p => (p.Name, Constraint: (IRouteConstraint)p.Policy))
                .ToList();
            routes.Add(new Route(new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)), constraints, methods.HttpMethods));
        }

        return routes;
    }

    private sealed record Route(TemplateMatcher Matcher, List<(string Name, IRouteConstraint Constraint)> Constraints, IReadOnlyList<string> Methods);
}
