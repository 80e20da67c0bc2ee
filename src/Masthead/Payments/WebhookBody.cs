namespace Masthead.Payments;

/// <summary>A provider's webhook body, read whole before anything else because its signature covers the exact bytes.</summary>
public static class WebhookBody
{
    /// <summary>The raw bytes; null when longer than <paramref name="maxBytes"/>, whatever Content-Length claims.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
