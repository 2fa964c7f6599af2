using MudBlazor;

namespace CareConsole.Components.Theme;

/// <summary>
/// MelaMart support's one theme: deep teal with an amber accent, light and dark. Fonts are the device's own (no font
/// is fetched from elsewhere: the console runs offline and its pages load nothing from other sites), with Devanagari
/// named so Hindi renders in a matching face.
/// </summary>
public static class BrandTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans Devanagari", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = Build();

    private static MudTheme Build()
    {
        var typography = new Typography();
        foreach (var style in new BaseTypography[]
                 {
                     typography.Default, typography.H1, typography.H2, typography.H3, typography.H4, typography.H5,
                     typography.H6, typography.Subtitle1, typography.Subtitle2, typography.Body1, typography.Body2,
                     typography.Button, typography.Caption, typography.Overline,
                 })
        {
            style.FontFamily = SystemFonts;
        }
        // Sentence case reads better than Material's capitals, in Hindi above all (Devanagari has no capitals).
        typography.Button.TextTransform = "none";

        return new MudTheme
        {
            Typography = typography,
            LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", AppbarHeight = "56px" },
            // Contrast ratios of text on these colours are at least 4.5:1 (WCAG AA), checked by the accessibility tests.
            PaletteLight = new PaletteLight
            {
                Primary = "#0b6b6d",
                PrimaryContrastText = "#ffffff",
                Secondary = "#f6b73c",
                SecondaryContrastText = "#0f3d3e",
                Tertiary = "#0f3d3e",
                AppbarBackground = "#0f3d3e",
                AppbarText = "#ffffff",
                Background = "#f4f6f5",
                Surface = "#ffffff",
                TextPrimary = "#0f172a",
                TextSecondary = "#475569",
                Info = "#1d5fa8",
                Success = "#1b6b3a",
                Warning = "#8a5300",
                Error = "#b42318",
                ActionDefault = "#475569",
            },
            PaletteDark = new PaletteDark
            {
                Primary = "#5cc8c2",
                PrimaryContrastText = "#062526",
                Secondary = "#f6b73c",
                SecondaryContrastText = "#0f3d3e",
                Tertiary = "#9ad7d3",
                AppbarBackground = "#0b2a2b",
                AppbarText = "#e6f2f1",
                Background = "#101617",
                BackgroundGray = "#172022",
                Surface = "#182224",
                DrawerBackground = "#182224",
                TextPrimary = "#e8eeee",
                TextSecondary = "#a9b7b8",
                ActionDefault = "#b7c4c5",
                LinesDefault = "#2f3c3e",
                TableLines = "#2f3c3e",
                Divider = "#2f3c3e",
                Info = "#7db7f2",
                Success = "#6fcf97",
                Warning = "#f6b73c",
                Error = "#ff8a80",
            },
        };
    }
}
