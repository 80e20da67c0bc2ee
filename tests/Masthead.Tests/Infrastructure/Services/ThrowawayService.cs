namespace Masthead.Tests.Infrastructure.Services;

/// <summary>A server a test run started in a temp directory of its own: disposing stops it once and removes that directory.</summary>
internal abstract class ThrowawayService(string directory) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _stopped;

    /// <summary>The service's own temp directory: its data and logs.</summary>
    protected string TempDirectory { get; } = directory;

    /// <summary>Stops the server; called once, from <see cref="Dispose"/>, or for a start that did not come up.</summary>
    protected abstract void Stop();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            Stop();
            try
            {
                Directory.Delete(TempDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp directory; nothing depends on it.
            }
        }
    }
}
