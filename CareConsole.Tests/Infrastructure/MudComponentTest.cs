using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// A bUnit context for the console's components: MudBlazor's services, and scripts answered loosely (the components'
/// browser calls return defaults, as with an empty session).
/// </summary>
public abstract class MudComponentTest : BunitContext
{
    protected MudComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders from here on as an interactive circuit does (live updates, scripts); call once services are added.</summary>
    protected void RenderInteractively() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>What a person reads in <paramref name="node"/>: its words, one space apart, also where elements meet.</summary>
    protected static string Visible(INode node) =>
        string.Join(' ', node.GetDescendants().OfType<IText>().SelectMany(text => text.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>MudBlazor's layers for pop-ups and dialogs, rendered first as the layout does, so dialogs open.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogLayer()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }
}
