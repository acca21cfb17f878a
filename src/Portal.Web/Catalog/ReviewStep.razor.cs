namespace Portal.Web.Catalog;

/// <summary>The wizard's last step: the server's preview of the request in plain words, what it takes in all, and who decides.</summary>
public sealed partial class ReviewStep;
