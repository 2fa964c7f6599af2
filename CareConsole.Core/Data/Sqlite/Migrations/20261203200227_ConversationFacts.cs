using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConversationFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversationFacts",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceVersion = table.Column<uint>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstCustomerMessageAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastMessageAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: true),
                    VerificationAttempted = table.Column<bool>(type: "INTEGER", nullable: false),
                    VerificationLocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Ended = table.Column<bool>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OwnerAtEnd = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AiReplied = table.Column<bool>(type: "INTEGER", nullable: false),
                    PersonInvolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    HumanReplied = table.Column<bool>(type: "INTEGER", nullable: false),
                    HandOffs = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AiFirstResponseSeconds = table.Column<double>(type: "REAL", nullable: true),
                    HumanFirstResponseSeconds = table.Column<double>(type: "REAL", nullable: true),
                    AiWaitSeconds = table.Column<double>(type: "REAL", nullable: true),
                    HumanWaitSeconds = table.Column<double>(type: "REAL", nullable: true),
                    ResolutionSeconds = table.Column<double>(type: "REAL", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerMessages = table.Column<int>(type: "INTEGER", nullable: false),
                    NegativeMessages = table.Column<int>(type: "INTEGER", nullable: false),
                    SentimentSum = table.Column<double>(type: "REAL", nullable: false),
                    FirstSentiment = table.Column<double>(type: "REAL", nullable: true),
                    LastSentiment = table.Column<double>(type: "REAL", nullable: true),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedRupees = table.Column<double>(type: "REAL", nullable: false),
                    ApprovedRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedRupees = table.Column<double>(type: "REAL", nullable: false),
                    RejectedRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    AutoDoneRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectedRupees = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationFacts", x => x.ConversationId);
                    table.ForeignKey(
                        name: "FK_ConversationFacts_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationFacts_CustomerId_StartedAt",
                table: "ConversationFacts",
                columns: new[] { "CustomerId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationFacts_StartedAt",
                table: "ConversationFacts",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationFacts");
        }
    }
}
