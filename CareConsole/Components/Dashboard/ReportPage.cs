using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace CareConsole.Components.Dashboard;

/// <summary>
/// A dashboard page whose state is its link. Blazor keeps a page component when only the query string changes (a
/// filter picked, a search typed, a chip closed) and, the page having no parameters, does not tell it; so the page
/// reads its link on every navigation that stays on it.
/// </summary>
public abstract class ReportPage : ComponentBase, IDisposable
{
    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    private string? _path;

    /// <summary>Reads the current link (<see cref="NavigationManager.Uri"/>) and everything the page shows.</summary>
    protected abstract Task LoadAsync();

    protected override void OnInitialized()
    {
        _path = PathOf(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (PathOf(e.Location) == _path)
        {
            _ = InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
    }

    private static string PathOf(string uri) => uri.Split('?', '#')[0];

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        GC.SuppressFinalize(this);
    }
}
