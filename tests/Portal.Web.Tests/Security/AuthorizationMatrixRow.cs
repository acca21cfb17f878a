namespace Portal.Web.Tests.Security;

/// <summary>
/// One route of the app and what each role gets from it. <see cref="Key"/> is how the endpoint data source names it:
/// "GET /api/requests/{id:guid}" for an API endpoint, "PAGE /requests/{Id:guid}" for a routable page. <see cref="Path"/>
/// is the URL called, with {placeholders} the fixture fills with real ids (see <see cref="AuthorizationMatrixFixture.Fill"/>).
/// </summary>
public sealed record AuthorizationMatrixRow(string Key, string Path, IReadOnlyDictionary<AuthorizationMatrixRole, AuthorizationMatrixExpectation> Expected)
{
    /// <summary>A body to send (JSON) with POST and PUT; "{}" unless the row says otherwise.</summary>
    public string Body { get; init; } = "{}";

    /// <summary>Text that only a caller who may see the resource gets in the body (a placeholder, filled like the path).</summary>
    public string? Marker { get; init; }

    /// <summary>The method the matrix calls with: GET for a page and for an endpoint of any method ("ANY").</summary>
    public string Method => MethodOf(Key);

    public static string MethodOf(string key) => key[..key.IndexOf(' ', StringComparison.Ordinal)] is "PAGE" or "ANY" ? "GET" : key[..key.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>Reads the six expectations in column order: anonymous, requester, other requester, approver, approver only, admin.</summary>
    public static AuthorizationMatrixRow Of(string key, string path, string expected, string? body = null, string? marker = null)
    {
        var tokens = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var roles = Enum.GetValues<AuthorizationMatrixRole>();
        if (tokens.Length != roles.Length)
        {
            throw new ArgumentException($"The row {key} has {tokens.Length} expectations; it needs {roles.Length}: {string.Join(", ", roles)}.");
        }

        return new AuthorizationMatrixRow(key, path, roles.Zip(tokens).ToDictionary(p => p.First, p => new AuthorizationMatrixExpectation(p.Second)))
        {
            Body = body ?? "{}",
            Marker = marker,
        };
    }
}
