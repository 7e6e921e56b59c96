namespace GemScheduling.EventSourcing;

/// <summary>A stream changed under a command more times than it was willing to retry.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
