using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>
/// The designer's edits as pure functions from one definition to the next. Each touches only what it names and
/// keeps the order of everything else (activities, connections, inputs), so a saved definition differs from the
/// loaded one by the edits and nothing more. An edit that changes nothing returns the same instance.
/// </summary>
public static class DefinitionEdits
{
    /// <summary>Places a new activity of the descriptor's type, with a fresh id derived from the type.</summary>
    public static WorkflowDefinition AddActivity(WorkflowDefinition definition, ActivityDescriptor descriptor, Position at, out string id)
    {
        id = NewId(definition, descriptor.Type, reserved: null);
        var node = new ActivityNode { Id = id, Type = descriptor.Type, Position = Rounded(at) };
        return definition with { Activities = [.. definition.Activities, node] };
    }

    public static WorkflowDefinition Move(WorkflowDefinition definition, IReadOnlyDictionary<string, Position> positions)
    {
        var changed = false;
        var activities = definition.Activities.Select(a =>
        {
            if (!positions.TryGetValue(a.Id, out var to) || Rounded(to) == a.Position)
            {
                return a;
            }

            changed = true;
            return a with { Position = Rounded(to) };
        }).ToList();
        return changed ? definition with { Activities = activities } : definition;
    }

    /// <summary>
    /// Whether two definitions differ in activity positions only: the same activities in the same order, equal but
    /// for their position, and every other member equal (records compare lists by instance, which an edit that
    /// leaves a list alone keeps).
    /// </summary>
    public static bool OnlyPositionsDiffer(WorkflowDefinition before, WorkflowDefinition after)
    {
        if (before with { Activities = after.Activities } != after || before.Activities.Count != after.Activities.Count)
        {
            return false;
        }

        for (var i = 0; i < before.Activities.Count; i++)
        {
            var (a, b) = (before.Activities[i], after.Activities[i]);
            if (!ReferenceEquals(a, b) && a with { Position = b.Position } != b)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds the connection unless the same one exists already (a second identical arrow would run its target twice).</summary>
    public static WorkflowDefinition Connect(WorkflowDefinition definition, Connection connection) =>
        definition.Connections.Contains(connection) ? definition : definition with { Connections = [.. definition.Connections, connection] };

    /// <summary>Removes one occurrence of the connection.</summary>
    public static WorkflowDefinition Disconnect(WorkflowDefinition definition, Connection connection)
    {
        var index = IndexOf(definition.Connections, connection);
        if (index < 0)
        {
            return definition;
        }

        var connections = definition.Connections.ToList();
        connections.RemoveAt(index);
        return definition with { Connections = connections };
    }

    /// <summary>Removes the activities with every connection into or out of them, and the given connections.</summary>
    public static WorkflowDefinition Delete(WorkflowDefinition definition, IEnumerable<string> activityIds, IEnumerable<Connection> connections)
    {
        var ids = activityIds.ToHashSet(StringComparer.Ordinal);
        var remaining = definition.Connections.ToList();
        var removedConnection = false;
        foreach (var connection in connections)
        {
            var index = IndexOf(remaining, connection);
            if (index >= 0)
            {
                remaining.RemoveAt(index);
                removedConnection = true;
            }
        }

        var activities = definition.Activities.Where(a => !ids.Contains(a.Id)).ToList();
        if (activities.Count == definition.Activities.Count && !removedConnection)
        {
            return definition;
        }

        remaining = remaining.Where(c => !ids.Contains(c.From) && !ids.Contains(c.To)).ToList();
        return definition with { Activities = activities, Connections = remaining };
    }

    /// <summary>Sets the display name; an empty one is removed, so the designer and journal show the id.</summary>
    public static WorkflowDefinition Rename(WorkflowDefinition definition, string activityId, string? name)
    {
        var clean = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        return Replace(definition, activityId, a => a.Name == clean ? a : a with { Name = clean });
    }

    /// <summary>Sets an input, or with <paramref name="value"/> null removes it. A new input goes after the existing ones.</summary>
    public static WorkflowDefinition SetInput(WorkflowDefinition definition, string activityId, string input, InputValue? value) =>
        Replace(definition, activityId, a =>
        {
            var has = a.Inputs.TryGetValue(input, out var current);
            if ((!has && value is null) || (has && value is not null && SameInput(current!, value)))
            {
                return a;
            }

            var inputs = new Dictionary<string, InputValue>(StringComparer.Ordinal);
            foreach (var (name, existing) in a.Inputs)
            {
                if (name != input)
                {
                    inputs[name] = existing;
                }
                else if (value is not null)
                {
                    inputs[name] = value;
                }
            }

            if (!has && value is not null)
            {
                inputs[input] = value;
            }

            return a with { Inputs = inputs };
        });

    /// <summary>
    /// Gives an activity a new id and follows it everywhere the definition refers to it (connections,
    /// compensations). Expressions reading <c>outputs.&lt;old id&gt;</c> are the admin's to change; the validator
    /// cannot see them either.
    /// </summary>
    public static WorkflowDefinition ChangeId(WorkflowDefinition definition, string activityId, string newId)
    {
        if (activityId == newId || definition.Find(activityId) is null)
        {
            return definition;
        }

        var activities = definition.Activities.Select(a => a.Id != activityId && a.CompensateWith != activityId ? a : a with
        {
            Id = a.Id == activityId ? newId : a.Id,
            CompensateWith = a.CompensateWith == activityId ? newId : a.CompensateWith,
        }).ToList();
        var connections = definition.Connections.Select(c => c.From == activityId || c.To == activityId
            ? new Connection(c.From == activityId ? newId : c.From, c.Outcome, c.To == activityId ? newId : c.To)
            : c).ToList();
        return definition with { Activities = activities, Connections = connections };
    }

    /// <summary>The activities and the connections among them, for the clipboard.</summary>
    public static ActivityClipboard Copy(WorkflowDefinition definition, IEnumerable<string> activityIds)
    {
        var ids = activityIds.ToHashSet(StringComparer.Ordinal);
        return new ActivityClipboard(
            definition.Activities.Where(a => ids.Contains(a.Id)).ToList(),
            definition.Connections.Where(c => ids.Contains(c.From) && ids.Contains(c.To)).ToList());
    }

    /// <summary>
    /// Adds copies of the clipboard's activities with fresh ids, shifted by <paramref name="offset"/>, and their
    /// connections among themselves. References inside the copy (compensations) follow the new ids.
    /// </summary>
    public static WorkflowDefinition Paste(WorkflowDefinition definition, ActivityClipboard clipboard, Position offset, out IReadOnlyList<string> newIds)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var reserved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in clipboard.Activities)
        {
            var id = NewId(definition, activity.Id, reserved);
            reserved.Add(id);
            renamed[activity.Id] = id;
        }

        var copies = clipboard.Activities.Select(a => a with
        {
            Id = renamed[a.Id],
            Position = Rounded(new Position((a.Position?.X ?? 0) + offset.X, (a.Position?.Y ?? 0) + offset.Y)),
            CompensateWith = a.CompensateWith is { } c && renamed.TryGetValue(c, out var copy) ? copy : a.CompensateWith,
        }).ToList();
        var connections = clipboard.Connections.Select(c => new Connection(renamed[c.From], c.Outcome, renamed[c.To]));
        newIds = copies.Select(c => c.Id).ToList();
        return copies.Count == 0
            ? definition
            : definition with { Activities = [.. definition.Activities, .. copies], Connections = [.. definition.Connections, .. connections] };
    }

    /// <summary>
    /// An id for a new activity: the stem in camelCase ("Delay" → "delay", "approval" → "approval2"), made unique.
    /// Ids are what expressions read (<c>outputs.delay</c>), so they stay short identifiers.
    /// </summary>
    public static string NewId(WorkflowDefinition definition, string stem, ISet<string>? reserved)
    {
        var baseId = Identifier(stem);
        var taken = definition.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        bool Free(string candidate) => !taken.Contains(candidate) && reserved?.Contains(candidate) != true;
        if (Free(baseId))
        {
            return baseId;
        }

        // "approval2" copied again becomes "approval3", not "approval22".
        var trimmed = baseId.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        trimmed = trimmed.Length == 0 ? baseId : trimmed;
        for (var n = 2; ; n++)
        {
            var candidate = trimmed + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Free(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Whether the text may be an activity id: a JavaScript identifier, so <c>outputs.&lt;id&gt;</c> works.</summary>
    public static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] is '_' or '$') && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');

    private static string Identifier(string stem)
    {
        var letters = new string(stem.Where(c => char.IsLetterOrDigit(c) || c is '_' or '$').ToArray());
        if (letters.Length == 0 || char.IsDigit(letters[0]))
        {
            letters = "activity" + letters;
        }

        return char.ToLowerInvariant(letters[0]) + letters[1..];
    }

    private static WorkflowDefinition Replace(WorkflowDefinition definition, string activityId, Func<ActivityNode, ActivityNode> change)
    {
        var changed = false;
        var activities = definition.Activities.Select(a =>
        {
            if (a.Id != activityId)
            {
                return a;
            }

            var next = change(a);
            changed |= !ReferenceEquals(next, a);
            return next;
        }).ToList();
        return changed ? definition with { Activities = activities } : definition;
    }

    private static bool SameInput(InputValue a, InputValue b) =>
        a.Expression == b.Expression && System.Text.Json.Nodes.JsonNode.DeepEquals(a.Value, b.Value);

    private static int IndexOf(IReadOnlyList<Connection> connections, Connection connection)
    {
        for (var i = 0; i < connections.Count; i++)
        {
            if (connections[i] == connection)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whole pixels: positions are for people, and fractions would only add noise to the saved JSON.</summary>
    private static Position Rounded(Position position) => new(Math.Round(position.X), Math.Round(position.Y));
}
