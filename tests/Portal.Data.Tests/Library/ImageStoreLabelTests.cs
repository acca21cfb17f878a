using Portal.Data.Library;
using Portal.Domain.Library;

namespace Portal.Data.Tests.Library;

/// <summary>Parameter labels live inside the image document: no column, no migration, and old documents still read.</summary>
public sealed class ImageStoreLabelTests
{
    private static readonly Guid LegacyId = Guid.Parse("5e0d0000-0000-4000-8000-000000000001");

    /// <summary>
    /// An image document exactly as the store wrote it before parameters had labels: no "label" member anywhere.
    /// Kept as text, not produced by today's serializer, so a change to the document's shape is caught here.
    /// </summary>
    private const string DocumentWithoutLabels = """
        {"id":"5e0d0000-0000-4000-8000-000000000001","name":"Legacy web server","description":"Stored before labels.","version":"2025.1",
         "owner":"admin@portal.local","lifecycle":"Published","tags":["linux"],
         "hardware":{"requirements":[{"type":"Processor","quantity":2,"unit":"Count"},{"type":"Memory","quantity":4,"unit":"GiB"},
           {"type":"Disk","quantity":20,"unit":"GiB"}],"architecture":"X86_64","firmware":"Bios"},
         "software":{"family":"Linux","distribution":"Debian","version":"12","architecture":"X86_64","components":[],
           "parameters":[{"name":"hostname","type":"Hostname","required":true,"description":"The server\u0027s host name."},
             {"name":"adminPassword","type":"Secret","required":true}]},
         "artifacts":[{"id":"5e0d0000-0000-4000-8000-0000000000a1","format":"Qcow2","sizeBytes":2147483648,
           "location":"file:///var/lib/portal/images/legacy.qcow2",
           "provenance":{"capturedFrom":"Virtual","sourceTechnology":"Kvm","sourceServer":"kvm-01","capturedAt":"2025-01-10T09:00:00+00:00"}}]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    private static ImageStore Store(TestDatabase database) => new(database.NewContext(), TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

    private static async Task StoreLegacyDocumentAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var now = DateTimeOffset.UtcNow;
        db.Images.Add(new ImageRecord
        {
            Id = LegacyId, Name = "Legacy web server", Version = "2025.1", Owner = "admin@portal.local",
            Lifecycle = ImageLifecycle.Published, OsFamily = OsFamily.Linux, OsLabel = "Debian 12", Architecture = CpuArchitecture.X86_64,
            CapturedFrom = CaptureSource.Virtual, SourceTechnology = PlatformTechnology.Kvm, Tags = "|linux|",
            HardwareSummary = "2 vCPU · 4 GiB · 20 GiB", Document = DocumentWithoutLabels, CreatedAt = now, UpdatedAt = now, Revision = Guid.NewGuid(),
        });
        await db.SaveChangesAsync(Token);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_image_stored_before_parameters_had_labels_loads_and_shows_its_names_as_words(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await StoreLegacyDocumentAsync(database);

        var image = await Store(database).FindAsync(LegacyId, Token);

        Assert.NotNull(image);
        Assert.Equal(
            [("hostname", (string?)null, "Hostname"), ("adminPassword", null, "Admin password")],
            image.Software.Parameters.Select(p => (p.Name, p.Label, p.DisplayLabel)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_label_given_to_an_image_stored_before_labels_is_kept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await StoreLegacyDocumentAsync(database);
        var legacy = (await Store(database).FindAsync(LegacyId, Token))!;
        var labelled = legacy with
        {
            Software = legacy.Software with
            {
                Parameters = [.. legacy.Software.Parameters.Select(p => p.Name == "hostname" ? p with { Label = "Host name" } : p)],
            },
        };

        var updated = await Store(database).UpdateAsync(labelled, Token);

        Assert.True(updated.IsValid, string.Join("; ", updated.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var reloaded = await Store(database).FindAsync(LegacyId, Token);
        Assert.Equal(["Host name", null], reloaded!.Software.Parameters.Select(p => p.Label));
    }

    [Fact]
    public void Only_the_label_is_written_to_the_document_never_the_derived_display_label()
    {
        var image = LibraryJson.ReadImage(DocumentWithoutLabels);
        var labelled = image with
        {
            Software = image.Software with { Parameters = [image.Software.Parameters[0] with { Label = "Host name" }, image.Software.Parameters[1]] },
        };

        var document = LibraryJson.Write(labelled);

        Assert.Equal(
            (true, false),
            (document.Contains("\"label\":\"Host name\"", StringComparison.Ordinal), document.Contains("displayLabel", StringComparison.OrdinalIgnoreCase)));
    }
}
