using YamlDotNet.Serialization;

namespace Portal.Provisioning.Configuration;

/// <summary>The one YAML serializer the cloud-init files are written with.</summary>
internal static class CloudConfigYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithEventEmitter(next => new CloudConfigScalarEmitter(next))
        // A list used twice would otherwise become an anchor and alias: valid, but surprising to read.
        .DisableAliases()
        .Build();

    public static string Serialize(object document) => Serializer.Serialize(document);
}
