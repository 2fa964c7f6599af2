using System.Globalization;

namespace CareConsole.Components.Dashboard;

/// <summary>How the dashboard writes its figures: percentages, durations, rupees; a dash where there is nothing to show.</summary>
public static class KpiFormat
{
    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");

    public const string Nothing = "—";

    public static string Percent(double? share) => share is { } value ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : Nothing;

    public static string Count(int count) => count.ToString("N0", India);

    public static string Rupees(double amount) => "₹" + amount.ToString("N0", India);

    public static string Score(double? score) => score is { } value ? value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : Nothing;

    /// <summary>"42 s", "3 min 5 s", "2 h 10 min", "1 d 4 h".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return Nothing;
        }
        var span = TimeSpan.FromSeconds(Math.Max(0, s));
        return span.TotalSeconds < 60 ? $"{span.TotalSeconds:0} s"
            : span.TotalMinutes < 60 ? $"{span.Minutes} min {span.Seconds} s"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    /// <summary>An outcome as the transcripts name it, from its link name ("ai", "person", "waiting", "abandoned").</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "ai" => "Resolved by AI",
        "person" => "Resolved with a person",
        "waiting" => "Waiting",
        _ => "Abandoned",
    };
}
