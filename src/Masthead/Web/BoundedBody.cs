namespace Masthead.Web;

/// <summary>A request body read whole only when it is small enough, whatever Content-Length claims.</summary>
public static class BoundedBody
{
    /// <summary>The raw bytes; null when longer than <paramref name="maxBytes"/>, found out after reading at most one byte more.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // Sized by what the sender claims (or 16 KB), grown as needed up to one byte past the bound: a flood of small
        // requests to an endpoint with a large bound costs what they send, not the bound each.
        var buffer = new byte[Math.Min(maxBytes + 1, request.ContentLength is { } claimed ? (int)claimed + 1 : 16 * 1024)];
        var read = 0;
        int got;
        while ((got = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += got;
            if (read == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
            }
        }

        return read > maxBytes ? null : buffer[..read];
    }
}
