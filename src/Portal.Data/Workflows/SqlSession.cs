using System.Data.Common;

namespace Portal.Data.Workflows;

/// <summary>One transaction's commands: each statement is prepared once and run as often as the batch needs it.</summary>
internal sealed class SqlSession(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<Statement, DbCommand> commands = [];

    public Task<int> ExecuteAsync(Statement statement, params ReadOnlySpan<object?> values) =>
        Command(statement, values).ExecuteNonQueryAsync();

    public Task<object?> ScalarAsync(Statement statement, params ReadOnlySpan<object?> values) =>
        Command(statement, values).ExecuteScalarAsync();

    public Task<DbDataReader> ReadAsync(Statement statement, params ReadOnlySpan<object?> values) =>
        Command(statement, values).ExecuteReaderAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }
    }

    private DbCommand Command(Statement statement, ReadOnlySpan<object?> values)
    {
        if (!commands.TryGetValue(statement, out var command))
        {
            commands[statement] = command = statement.Prepare(connection, transaction);
        }

        statement.Bind(command, values);
        return command;
    }
}
