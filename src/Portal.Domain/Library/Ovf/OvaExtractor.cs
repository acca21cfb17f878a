using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Validation;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// The second look at an OVA, once its descriptor has become an image: one pass over the whole archive that
/// refuses anything but plain files (links, devices, FIFOs), names that leave the package and names given twice;
/// writes the files the image references into its folder; hashes every file; and verifies the manifest (.mf) when
/// there is one: each digest must match, each file it names must be in the package, and it must cover the
/// descriptor and every disk. A truncated or malformed archive is refused with the reason. On any refusal the
/// caller deletes the folder: nothing half-extracted stays.
/// </summary>
/// <remarks>A certificate (.cert) is kept out of the way but not checked: the portal has no trust store for OVA signers.</remarks>
public static class OvaExtractor
{
    private const int MaxManifestBytes = 1024 * 1024;

    public static async Task<ValidationResult<MasterImage>> ExtractAsync(
        Stream ova, MasterImage image, Uri artifactBaseUri, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ova);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(artifactBaseUri);
        ArgumentNullException.ThrowIfNull(folder);
        var wanted = new Dictionary<string, ImageArtifact>(StringComparer.Ordinal);
        foreach (var artifact in image.Artifacts)
        {
            if (OvfPackagePath.Within(artifactBaseUri, artifact.Location) is { } path)
            {
                wanted.TryAdd(path, artifact);
            }
        }

        var state = new Walk(folder, wanted);
        try
        {
            await using var tar = new TarReader(ova, leaveOpen: true);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (await state.TakeAsync(entry, cancellationToken) is { } refused)
                {
                    return Refuse(refused);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return Refuse($"The OVA is truncated or is not a valid tar archive: {e.Message}");
        }

        var errors = state.Verify();
        if (errors.Count > 0)
        {
            return ValidationResult<MasterImage>.Failure(errors);
        }

        return ValidationResult<MasterImage>.Success(image with
        {
            Artifacts = image.Artifacts
                .Select(a => OvfPackagePath.Within(artifactBaseUri, a.Location) is { } path && state.Files.TryGetValue(path, out var file)
                    ? a with { SizeBytes = Math.Max(1, file.Size), Sha256 = file.Digests["SHA256"] }
                    : a)
                .ToList(),
        });
    }

    private static ValidationResult<MasterImage> Refuse(string message) => ValidationResult<MasterImage>.Failure("ova", message);

    /// <summary>What the pass has seen so far.</summary>
    private sealed class Walk(string folder, IReadOnlyDictionary<string, ImageArtifact> wanted)
    {
        public Dictionary<string, (long Size, Dictionary<string, string> Digests)> Files { get; } = new(StringComparer.Ordinal);

        private string? descriptor;
        private string? manifestName;
        private IReadOnlyList<OvfManifestEntry>? manifest;
        private readonly List<ValidationError> manifestErrors = [];

        public async Task<string?> TakeAsync(TarEntry entry, CancellationToken cancellationToken)
        {
            if (entry.EntryType is TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes)
            {
                return null;
            }

            var shown = OvfPackagePath.Printable(entry.Name);
            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                var kind = entry.EntryType == TarEntryType.SymbolicLink ? "a symbolic link" : "a hard link";
                return $"'{shown}' is {kind} to '{OvfPackagePath.Printable(entry.LinkName)}'; an OVA holds its files themselves, never links.";
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                return $"'{shown}' is a {entry.EntryType} entry; an OVA holds regular files only.";
            }

            var path = OvfPackagePath.FromEntryName(entry.Name);
            if (!path.IsValid)
            {
                return $"The entry '{shown}' is not a file inside the package: {path.Problem}.";
            }

            var name = path.Path!;
            if (Files.ContainsKey(name))
            {
                return $"'{shown}' appears twice in the OVA; which one is meant cannot be told.";
            }

            var isManifest = name.EndsWith(".mf", StringComparison.OrdinalIgnoreCase);
            if (isManifest && manifestName is not null)
            {
                return $"The OVA holds two manifests, {OvfPackagePath.Printable(manifestName)} and '{shown}'.";
            }

            if (descriptor is null && name.EndsWith(".ovf", StringComparison.OrdinalIgnoreCase))
            {
                descriptor = name;
            }

            var algorithms = AlgorithmsFor(name);
            var hashes = algorithms.ToDictionary(a => a, OvfManifest.Hash, StringComparer.Ordinal);
            try
            {
                var size = await CopyAsync(entry, name, isManifest, hashes, cancellationToken);
                if (size is null)
                {
                    return $"The manifest '{shown}' is larger than {MaxManifestBytes / 1024} KiB; a manifest is a line per file.";
                }

                Files[name] = (size.Value, hashes.ToDictionary(h => h.Key, h => Convert.ToHexStringLower(h.Value.GetHashAndReset()), StringComparer.Ordinal));
            }
            finally
            {
                foreach (var hash in hashes.Values)
                {
                    hash.Dispose();
                }
            }

            return null;
        }

        /// <summary>SHA-256 always (the library records it); the others only when a manifest may ask for them.</summary>
        private IEnumerable<string> AlgorithmsFor(string name)
        {
            if (manifest is null)
            {
                return OvfManifest.Algorithms;
            }

            return manifest.Where(e => e.FileName == name).Select(e => e.Algorithm).Append("SHA256").Distinct();
        }

        /// <summary>Copies the entry's data: into the folder if the image references it, into memory if it is the manifest, else nowhere. Null: the manifest is too large.</summary>
        private async Task<long?> CopyAsync(TarEntry entry, string name, bool isManifest, Dictionary<string, IncrementalHash> hashes, CancellationToken cancellationToken)
        {
            if (isManifest && entry.Length > MaxManifestBytes)
            {
                return null;
            }

            Stream? output = null;
            MemoryStream? text = null;
            if (wanted.ContainsKey(name))
            {
                output = File.Create(Target(name));
            }
            else if (isManifest)
            {
                output = text = new MemoryStream();
            }

            long total = 0;
            await using (output)
            {
                if (entry.DataStream is { } data)
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        total += read;
                        foreach (var hash in hashes.Values)
                        {
                            hash.AppendData(buffer, 0, read);
                        }

                        if (output is not null)
                        {
                            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        }
                    }
                }

                if (total != entry.Length)
                {
                    throw new EndOfStreamException($"'{OvfPackagePath.Printable(entry.Name)}' should be {entry.Length} bytes but the archive ends after {total}.");
                }
            }

            if (text is not null)
            {
                manifestName = name;
                var parsed = OvfManifest.Parse(Encoding.UTF8.GetString(text.ToArray()), name);
                if (parsed.IsValid)
                {
                    manifest = parsed.Value;
                }
                else
                {
                    manifestErrors.AddRange(parsed.Errors);
                }
            }

            return total;
        }

        /// <summary>The file's place in the image folder; the path was normalised, this only makes sure it stays there.</summary>
        private string Target(string name)
        {
            var root = Path.GetFullPath(folder);
            var target = Path.GetFullPath(Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar)));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"'{name}' would be written outside {root}.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            return target;
        }

        public List<ValidationError> Verify()
        {
            var errors = new List<ValidationError>(manifestErrors);
            foreach (var missing in wanted.Keys.Where(path => !Files.ContainsKey(path)))
            {
                errors.Add(new ValidationError("ova", $"The descriptor references '{OvfPackagePath.Printable(missing)}', which is not in the OVA."));
            }

            foreach (var (path, artifact) in wanted)
            {
                if (artifact.Sha256 is { } expected && Files.TryGetValue(path, out var file) && file.Digests["SHA256"] != expected)
                {
                    errors.Add(new ValidationError("ova", $"'{OvfPackagePath.Printable(path)}' does not match the SHA-256 its descriptor gives: the file was changed or damaged."));
                }
            }

            if (manifest is null || errors.Count > 0)
            {
                return errors;
            }

            var shownManifest = OvfPackagePath.Printable(manifestName!);
            foreach (var line in manifest)
            {
                var path = OvfPackagePath.FromEntryName(line.FileName);
                if (!path.IsValid || !Files.TryGetValue(path.Path!, out var file))
                {
                    errors.Add(new ValidationError("manifest", $"Line {line.Line} of {shownManifest} names '{OvfPackagePath.Printable(line.FileName)}', which is not in the OVA."));
                }
                else if (file.Digests.GetValueOrDefault(line.Algorithm) != line.Digest)
                {
                    errors.Add(new ValidationError("manifest", $"'{OvfPackagePath.Printable(path.Path!)}' does not match its {line.Algorithm} digest in {shownManifest} (line {line.Line}): the file was changed or damaged."));
                }
            }

            var listed = manifest.Select(e => OvfPackagePath.FromEntryName(e.FileName).Path).ToHashSet(StringComparer.Ordinal);
            var covering = descriptor is null ? wanted.Keys : wanted.Keys.Prepend(descriptor);
            foreach (var covered in covering.Where(p => !listed.Contains(p)))
            {
                errors.Add(new ValidationError("manifest", $"{shownManifest} has no digest for '{OvfPackagePath.Printable(covered)}'; a manifest covers the descriptor and every disk."));
            }

            return errors;
        }
    }
}
