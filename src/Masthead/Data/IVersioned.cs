namespace Masthead.Data;

/// <summary>
/// An entity saved with optimistic concurrency (<see cref="VersionedSaves.SaveVersionedAsync"/>): <see cref="Version"/>
/// is an EF Core concurrency token, one more at every save, and a form carries the one it was read at.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
