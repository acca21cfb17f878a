namespace Portal.Workflows.Layout;

/// <summary>The sizes auto-layout works with, in the designer's pixels: a node's box and the gaps between layers and between nodes of a layer.</summary>
public sealed record FlowchartLayoutOptions
{
    public double NodeWidth { get; init; } = 220;

    public double NodeHeight { get; init; } = 90;

    /// <summary>The horizontal gap between two layers (columns).</summary>
    public double LayerGap { get; init; } = 90;

    /// <summary>The vertical gap between two nodes of one layer.</summary>
    public double NodeGap { get; init; } = 40;

    /// <summary>The empty border left and above the drawing.</summary>
    public double Margin { get; init; } = 40;
}
