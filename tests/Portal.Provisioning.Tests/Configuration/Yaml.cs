using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Tests.Configuration;

/// <summary>Reads generated YAML back as a node tree, keeping each scalar's style for quoting checks.</summary>
internal static class Yaml
{
    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.True(stream.Documents.Count == 1, $"Expected one YAML document, found {stream.Documents.Count}:\n{text}");
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode At(this YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => ((YamlMappingNode)node).Children[new YamlScalarNode(key)],
                int index => ((YamlSequenceNode)node).Children[index],
                _ => throw new ArgumentException($"A path step is a key or an index, not {step}."),
            };
        }

        return node;
    }

    public static string Text(this YamlNode node, params object[] path) => ((YamlScalarNode)node.At(path)).Value!;

    public static IReadOnlyList<string> Texts(this YamlNode node, params object[] path) =>
        [.. ((YamlSequenceNode)node.At(path)).Children.Select(c => ((YamlScalarNode)c).Value!)];

    /// <summary>A sequence's scalars joined by " | ", so that a tuple of them compares by value.</summary>
    public static string TextList(this YamlNode node, params object[] path) => string.Join(" | ", node.Texts(path));

    /// <summary>A mapping's keys in order, joined by " | ".</summary>
    public static string Keys(this YamlNode node, params object[] path) =>
        string.Join(" | ", ((YamlMappingNode)node.At(path)).Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
}
