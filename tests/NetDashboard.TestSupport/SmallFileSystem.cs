namespace NetDashboard.TestSupport;

/// <summary>
/// A real, small file system for full-disk tests (needs root): an ext4 image of a few MB loop-mounted on a temp
/// folder, or a size-limited tmpfs where loop devices are unavailable. <see cref="Fill"/> takes every free block,
/// <see cref="Free"/> gives them back; disposing unmounts (lazily if something still holds a file) and removes
/// the image and the folders, even after a failed test.
/// </summary>
public sealed class SmallFileSystem : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _filler;
    private int _fillers;

    private SmallFileSystem(string folder, string kind)
    {
        _folder = folder;
        Root = Path.Combine(folder, "mnt");
        Kind = kind;
        _filler = Path.Combine(Root, "filler");
    }

    /// <summary>Where the file system is mounted.</summary>
    public string Root { get; }

    /// <summary><c>ext4 on loop</c> or <c>tmpfs</c>.</summary>
    public string Kind { get; }

    public static async Task<SmallFileSystem> MountAsync(int megabytes = 4)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nd-smallfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "mnt"));
        var image = Path.Combine(folder, "fs.img");
        var mountPoint = Path.Combine(folder, "mnt");
        try
        {
            await using (var stream = File.Create(image))
            {
                stream.SetLength(megabytes * 1024L * 1024L);
            }
            await Run("mkfs.ext4", "-q", "-F", image);
            var (code, _, _) = await ProcessRunner.RunAsync("mount", ["-o", "loop", image, mountPoint], TimeSpan.FromSeconds(30));
            if (code == 0)
            {
                return new SmallFileSystem(folder, "ext4 on loop");
            }
            // No loop device on this kernel: a size-limited tmpfs is full just the same.
            await Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", mountPoint);
            return new SmallFileSystem(folder, "tmpfs");
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Writes filler files until the file system refuses a single byte more.</summary>
    public void Fill()
    {
        foreach (var chunk in new[] { 64 * 1024, 4096, 512, 1 })
        {
            var block = new byte[chunk];
            var path = $"{_filler}-{_fillers++}";
            try
            {
                using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
                while (true)
                {
                    stream.Write(block);
                    stream.Flush(flushToDisk: true);
                }
            }
            catch (IOException)
            {
                // full at this chunk size: go on with a smaller one
            }
        }
    }

    /// <summary>Deletes the filler files: the space is free again.</summary>
    public void Free()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "filler-*"))
        {
            File.Delete(file);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var (code, _, _) = await ProcessRunner.RunAsync("umount", [Root], TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            await ProcessRunner.RunAsync("umount", ["-l", Root], TimeSpan.FromSeconds(30));
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = await ProcessRunner.RunAsync(file, args, TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {stdout}{stderr}");
        }
    }
}
