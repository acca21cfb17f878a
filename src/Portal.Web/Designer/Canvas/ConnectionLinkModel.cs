using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Canvas;

/// <summary>A connection of the definition drawn from an outcome port to an input port. Its id names it: <c>from|outcome|to</c>.</summary>
public sealed class ConnectionLinkModel : LinkModel
{
    public ConnectionLinkModel(string key, Connection connection, OutcomePortModel source, InputPortModel target)
        : base(key, new SinglePortAnchor(source), new SinglePortAnchor(target))
    {
        Connection = connection;
        TargetMarker = LinkMarker.Arrow;
    }

    public Connection Connection { get; }
}
