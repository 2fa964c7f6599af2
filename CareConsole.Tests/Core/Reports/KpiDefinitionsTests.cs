using CareConsole.Core;
using CareConsole.Core.Reports;

namespace CareConsole.Tests.Core.Reports;

public sealed class KpiDefinitionsTests
{
    [Fact]
    public void Readme_PrintsEveryFigureWithTheDefinitionThePageShows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "README.md"));

        foreach (var kpi in KpiDefinitions.All)
        {
            Assert.Contains($"| {kpi.Title} (`{kpi.Key}`) | {kpi.Definition} |", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryFigureOfTheKpiRecord_HasADefinition()
    {
        var figures = typeof(Kpis).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .Where(name => name != "handOffRateByRule").ToHashSet();

        Assert.Equal(figures.Order(), KpiDefinitions.All.Select(d => d.Key).Order());
    }
}
