namespace Portal.Web.Hosting;

/// <summary>
/// The folder that holds the portal's own files (the SQLite database by default). It is resolved against
/// the working directory, never the project folder, so <c>dotnet run</c> writes nothing under <c>src/</c>.
/// </summary>
public static class DataDirectory
{
    public const string Key = "Portal:DataDirectory";

    /// <summary>Owner only: the folder holds the database, the key-ring certificate and the boot-token key.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner only, for the database file (SQLite gives its -wal and -shm files the same mode) and key files.</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(appData)
            ? Path.GetFullPath("data")
            : Path.Combine(appData, "Portal");
    }

    /// <summary>
    /// Creates the folder (and any missing parents) readable by the portal's user only (0700 on Unix). A folder that
    /// exists keeps its mode: the operator may have made it, and the files in it are 0600 anyway.
    /// </summary>
    public static void EnsureCreated(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>
    /// Makes an owner-only file for SQLite to open (0600 on Unix), or tightens one an older portal left 0644, with
    /// its -wal and -shm companions. SQLite creates its journal files with the database file's mode.
    /// </summary>
    /// <returns>Whether the file was created (empty) by this call.</returns>
    public static bool EnsurePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (!File.Exists(path))
        {
            try
            {
                // An empty file is an empty SQLite database; creating it here is what lets us choose its mode.
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = PrivateFileMode,
                });
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: tighten it below like any existing file.
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~PrivateFileMode) != 0)
            {
                File.SetUnixFileMode(file, PrivateFileMode);
            }
        }

        return false;
    }
}
