using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>An arrow of the flowchart: when <see cref="From"/> ends with <see cref="Outcome"/>, <see cref="To"/> runs.</summary>
[FormatObject("connection", "Connection", "An arrow of the flowchart: when 'from' ends with 'outcome', 'to' runs.")]
public sealed record Connection(
    [property: FormatMember("Source activity", "The id of the activity the arrow leaves."), Identifier] string From,
    [property: FormatMember("Outcome", "The outcome of 'from' that follows this arrow, e.g. \"Done\", \"Approved\" or \"Rejected\"."), NotBlank] string Outcome,
    [property: FormatMember("Target activity", "The id of the activity the arrow leads to."), Identifier] string To);
