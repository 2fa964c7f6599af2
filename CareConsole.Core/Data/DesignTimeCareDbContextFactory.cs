using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CareConsole.Core.Data;

/// <summary>
/// Lets the dotnet-ef tool build the model to write migrations. It never connects, so the connection string is
/// only a placeholder.
/// </summary>
internal sealed class DesignTimeCareDbContextFactory : IDesignTimeDbContextFactory<CareDbContext>
{
    public CareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CareDbContext>().UseNpgsql("Host=design-time-only").Options);
}
