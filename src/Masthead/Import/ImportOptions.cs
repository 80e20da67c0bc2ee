namespace Masthead.Import;

/// <summary><c>Masthead:Import</c>: how large an export the admin's Import page takes.</summary>
public sealed class ImportOptions
{
    /// <summary>
    /// The largest upload, in megabytes. The upload is held on the server's disk while it is tried and imported; a
    /// larger archive is imported with the command line (<c>import wordpress|ghost</c>), which reads it in place.
    /// </summary>
    public int MaxUploadMegabytes { get; set; } = 100;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
