namespace Portal.Web.Provisioning.Inventory;

/// <summary>One segment of every bar of a stacked chart ("Allocated", "Free", …): one value per bar, in the chart's unit.</summary>
public sealed record UtilisationSeries(string Name, IReadOnlyList<double> Values);
