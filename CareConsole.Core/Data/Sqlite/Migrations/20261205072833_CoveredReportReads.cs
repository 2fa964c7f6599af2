using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CoveredReportReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ConversationFacts_Reported",
                table: "ConversationFacts",
                columns: new[] { "StartedAt", "ConversationId", "SourceVersion", "CustomerId" },
                filter: "\"FirstCustomerMessageAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationFacts_Reported",
                table: "ConversationFacts");
        }
    }
}
