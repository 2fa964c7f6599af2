using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search's words as a stored vector, indexed in place of the expression index. A phrase's word order is
            // not in a GIN index, so every candidate row is checked again; reading a stored vector is several times
            // cheaper than parsing the text once more. The model does not map the column: only the search reads it.
            migrationBuilder.Sql("""
                DROP INDEX "IX_Messages_Search";
                ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('simple', coalesce("SearchText", ''))) STORED;
                CREATE INDEX "IX_Messages_Search" ON "Messages" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Messages_Search";
                ALTER TABLE "Messages" DROP COLUMN "SearchVector";
                CREATE INDEX "IX_Messages_Search" ON "Messages" USING GIN (to_tsvector('simple', "SearchText"));
                """);
        }
    }
}
