using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Bench.Profiling;

/// <summary>Times every SQL command EF Core runs, by statement kind and first table ("UPDATE WorkflowInstances").</summary>
public sealed partial class SqlCommandTimer(Sections sections) : DbCommandInterceptor
{
    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        sections.Add(Name(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        sections.Add(Name(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        sections.Add(Name(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    private static string Name(DbCommand command)
    {
        var match = Statement().Match(command.CommandText);
        return match.Success ? $"sql {match.Groups[1].Value.ToUpperInvariant()} {match.Groups[2].Value}" : "sql other";
    }

    [GeneratedRegex(@"^\s*(SELECT|UPDATE|DELETE|INSERT)\b(?:.*?\b(?:FROM|INTO)\b)?\s*""(\w+)""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Statement();
}
