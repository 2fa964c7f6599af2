namespace CareConsole.Core.Reports;

/// <summary>
/// One chart's data, as the page draws it, the API returns it and the CSV export writes it: the x values, and one trace
/// per stacked part or line. Clicking point <c>i</c> of a trace asks for the conversations named by
/// <see cref="XQuery"/> = <see cref="XQueryValues"/>[i] together with the trace's <see cref="ChartTrace.Query"/>.
/// </summary>
/// <param name="Key">The chart's name in links, the API and the CSV file name, e.g. <c>outcomes</c>.</param>
/// <param name="XQuery">The <see cref="ConversationQuery"/> name the x axis sets, e.g. <c>day</c>.</param>
public sealed record ChartSeries(
    string Key,
    string Title,
    string XTitle,
    string YTitle,
    string XQuery,
    IReadOnlyList<string> X,
    IReadOnlyList<string> XQueryValues,
    IReadOnlyList<ChartTrace> Traces)
{
    /// <summary>The query-string values of the conversations behind point <paramref name="point"/> of trace <paramref name="trace"/>; null when there is no such point.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? DrillDown(int trace, int point)
    {
        if (trace < 0 || trace >= Traces.Count || point < 0 || point >= XQueryValues.Count)
        {
            return null;
        }
        return [new(XQuery, XQueryValues[point]), .. Traces[trace].Query];
    }
}

/// <param name="Name">The legend's label.</param>
/// <param name="Y">One value per x; null where there is nothing to show (an average of no messages).</param>
/// <param name="Query">What the trace adds to a drill-down, e.g. <c>outcome=ai</c>.</param>
/// <param name="IsShare">Values are fractions, drawn as percentages on a second axis.</param>
public sealed record ChartTrace(string Name, IReadOnlyList<double?> Y, IReadOnlyList<KeyValuePair<string, string>> Query, bool IsShare = false);
