using CareConsole.Core.Trackers;

namespace CareConsole.Components.Dashboard;

/// <summary>A tracker as its form edits it: phrase lists as lines of text, the speakers as three boxes.</summary>
public sealed class TrackerForm
{
    public string Name { get; set; } = "";
    public string English { get; set; } = "";
    public string Hindi { get; set; } = "";
    public string Hinglish { get; set; } = "";
    public TrackerMode Mode { get; set; } = TrackerMode.Exact;
    public bool Customers { get; set; } = true;
    public bool Ai { get; set; }
    public bool Agents { get; set; }

    public static TrackerForm Of(TrackerDefinition tracker) => new()
    {
        Name = tracker.Name,
        English = string.Join('\n', tracker.EnglishPhrases),
        Hindi = string.Join('\n', tracker.HindiPhrases),
        Hinglish = string.Join('\n', tracker.HinglishPhrases),
        Mode = tracker.Mode,
        Customers = tracker.Speakers.HasFlag(TrackerSpeakers.Customer),
        Ai = tracker.Speakers.HasFlag(TrackerSpeakers.Assistant),
        Agents = tracker.Speakers.HasFlag(TrackerSpeakers.Agent),
    };

    /// <summary>One phrase per line (a comma also separates them, as people type lists).</summary>
    public TrackerDraft ToDraft() => new(
        Name,
        new TrackerPhrases(Lines(English), Lines(Hindi), Lines(Hinglish)),
        Mode,
        (Customers ? TrackerSpeakers.Customer : 0) | (Ai ? TrackerSpeakers.Assistant : 0) | (Agents ? TrackerSpeakers.Agent : 0));

    private static List<string> Lines(string text) =>
        [.. text.Split(['\n', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
