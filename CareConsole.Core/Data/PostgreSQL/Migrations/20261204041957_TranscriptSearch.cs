using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Messages",
                type: "text",
                nullable: true);

            // The full-text index of the transcripts search: the same normalised words SQLite's FTS5 table holds,
            // read by the 'simple' configuration (no stemming or stop words, which would differ by language).
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Messages_Search" ON "Messages" USING GIN (to_tsvector('simple', "SearchText"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Messages_Search";""");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Messages");
        }
    }
}
