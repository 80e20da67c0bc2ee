namespace Masthead.Contributions;

/// <summary>
/// The hash of one supporter pass's token, filed with the supporter it was given to: a row per browser given a pass.
/// No timestamp: a renewal replaces the hash and leaves nothing else behind. Cancelling, erasure and a lapsed
/// subscription delete the rows, so those passes end with their period and can never be renewed.
/// </summary>
public sealed class SupporterPassToken
{
    public int Id { get; set; }
    public int SupporterId { get; set; }
    public required string TokenHash { get; set; }
}
