namespace Masthead.Privacy;

/// <summary>This node's personal-data key reads none of the personal data in the database: a start refused in one sentence.</summary>
public sealed class PersonalDataKeyMismatchException(string message) : Exception(message);
