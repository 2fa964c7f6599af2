using CareConsole.Hosting;
using Microsoft.AspNetCore.Builder;

namespace CareConsole.Tests.Hosting;

/// <summary>Settings that make no sense stop the console before anything starts, with one line saying which.</summary>
public sealed class StartupSettingsTests
{
    [Fact]
    public void MissingPrerequisite_UnknownDeskTimeZone_IsTheOneLineProblem()
    {
        // A connection string of its own, so no local PostgreSQL programs are needed to get as far as the desk.
        var builder = WebApplication.CreateBuilder(["--ConnectionStrings:Care=Host=localhost;Database=none", "--Desk:TimeZone=Mars/Olympus_Mons"]);

        Assert.StartsWith("Desk:TimeZone 'Mars/Olympus_Mons' is not a time zone", builder.MissingPrerequisite(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPrerequisite_DefaultSettings_FindsNothingWrong()
    {
        var builder = WebApplication.CreateBuilder(["--ConnectionStrings:Care=Host=localhost;Database=none"]);

        Assert.Null(builder.MissingPrerequisite());
    }
}
