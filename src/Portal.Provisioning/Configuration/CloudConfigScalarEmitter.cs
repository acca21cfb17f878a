using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// Chooses how each string is written so that cloud-init's YAML 1.1 parser reads back exactly that string.
/// Only simple words and paths stay plain; anything else (a digit first, a colon, "on", "no", a date…) is
/// double-quoted with escapes, and multi-line text becomes a literal block. What a value contains can then
/// never add keys or documents to the file.
/// </summary>
internal sealed partial class CloudConfigScalarEmitter(IEventEmitter next) : ChainedEventEmitter(next)
{
    // Words YAML 1.1 reads as booleans or null when plain.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null",
    };

    public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
    {
        if (eventInfo.Source.Value is string text)
        {
            eventInfo.Style = text.Contains('\n', StringComparison.Ordinal)
                ? ScalarStyle.Literal
                : PlainSafe().IsMatch(text) && !Reserved.Contains(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
        }

        base.Emit(eventInfo, emitter);
    }

    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./-]*\z")]
    private static partial Regex PlainSafe();
}
