using CareConsole.Core.Data.PostgreSQL;
using CareConsole.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CareConsole.Core.Data;

/// <summary>
/// Let the dotnet-ef tool build each engine's model to write its migrations
/// (<c>dotnet ef migrations add Name -p CareConsole.Core --context SqliteCareDbContext -o Data/Sqlite/Migrations</c>).
/// They never connect, so the connection strings are only placeholders.
/// </summary>
internal sealed class DesignTimeSqliteContextFactory : IDesignTimeDbContextFactory<SqliteCareDbContext>
{
    public SqliteCareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite("Data Source=design-time-only.db").Options);
}

internal sealed class DesignTimePostgresContextFactory : IDesignTimeDbContextFactory<PostgresCareDbContext>
{
    public PostgresCareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCareDbContext>().UseNpgsql("Host=design-time-only").Options);
}
