namespace GemScheduling.Suggestions.Availability;

/// <summary>
/// What an availability submission said: its zone (null when missing or unknown), the windows it names, and every
/// line that could not be used. Windows are as written (not yet merged); see <see cref="AvailabilityNormalizer"/>.
/// </summary>
public sealed record ParsedAvailability(
    string? TimeZone,
    IReadOnlyList<AvailabilityWindow> Windows,
    IReadOnlyList<UnparsedLine> Unparsed);
