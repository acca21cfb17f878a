using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data.Workflows;

/// <summary>A SQL statement and its parameters, in order, each with the EF type mapping that converts and types its values.</summary>
internal sealed class Statement(string text, (string Name, RelationalTypeMapping Mapping)[] parameters)
{
    public string Text => text;

    public DbCommand Prepare(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        foreach (var (name, mapping) in parameters)
        {
            command.Parameters.Add(mapping.CreateParameter(command, name, null, nullable: true));
        }

        return command;
    }

    /// <summary>Sets the command's parameters to <paramref name="values"/>, in order, converted as EF converts them.</summary>
    public void Bind(DbCommand command, ReadOnlySpan<object?> values)
    {
        for (var k = 0; k < parameters.Length; k++)
        {
            var value = values[k];
            command.Parameters[k].Value = value is null ? DBNull.Value : parameters[k].Mapping.Converter?.ConvertToProvider(value) ?? value;
        }
    }
}
