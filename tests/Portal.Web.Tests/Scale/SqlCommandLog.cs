using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Web.Tests.Scale;

/// <summary>Records the text of every SQL command the pages' contexts run, so a test can count them and read their shape.</summary>
public sealed class SqlCommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Text, IReadOnlyDictionary<string, object?> Parameters)> commands = new();

    public IReadOnlyList<string> Commands => commands.Select(c => c.Text).ToArray();

    /// <summary>The largest LIMIT of the commands that read <paramref name="table"/>, literal or parameter; null when none has one.</summary>
    public long? LargestLimit(string table)
    {
        long? largest = null;
        foreach (var (text, values) in commands)
        {
            if (!text.Contains($"FROM \"{table}\"", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match limit in System.Text.RegularExpressions.Regex.Matches(text, @"LIMIT (@\w+|\d+)"))
            {
                var token = limit.Groups[1].Value;
                var value = token.StartsWith('@') ? Convert.ToInt64(values[token], System.Globalization.CultureInfo.InvariantCulture) : long.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
                largest = Math.Max(largest ?? 0, value);
            }
        }

        return largest;
    }

    public void Clear()
    {
        commands.Clear();
    }

    private void Record(DbCommand command)
    {
        commands.Enqueue((command.CommandText,
            command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.StartsWith('@') ? p.ParameterName : "@" + p.ParameterName, p => (object?)p.Value)));
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
