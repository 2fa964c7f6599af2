using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
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
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceVersion = table.Column<uint>(type: "xid", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstCustomerMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: true),
                    VerificationAttempted = table.Column<bool>(type: "boolean", nullable: false),
                    VerificationLocked = table.Column<bool>(type: "boolean", nullable: false),
                    Ended = table.Column<bool>(type: "boolean", nullable: false),
                    Resolved = table.Column<bool>(type: "boolean", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OwnerAtEnd = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AiReplied = table.Column<bool>(type: "boolean", nullable: false),
                    PersonInvolved = table.Column<bool>(type: "boolean", nullable: false),
                    HumanReplied = table.Column<bool>(type: "boolean", nullable: false),
                    HandOffs = table.Column<int>(type: "integer", nullable: false),
                    Rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AgentId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AiFirstResponseSeconds = table.Column<double>(type: "double precision", nullable: true),
                    HumanFirstResponseSeconds = table.Column<double>(type: "double precision", nullable: true),
                    AiWaitSeconds = table.Column<double>(type: "double precision", nullable: true),
                    HumanWaitSeconds = table.Column<double>(type: "double precision", nullable: true),
                    ResolutionSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    CustomerMessages = table.Column<int>(type: "integer", nullable: false),
                    NegativeMessages = table.Column<int>(type: "integer", nullable: false),
                    SentimentSum = table.Column<double>(type: "double precision", nullable: false),
                    FirstSentiment = table.Column<double>(type: "double precision", nullable: true),
                    LastSentiment = table.Column<double>(type: "double precision", nullable: true),
                    Requests = table.Column<int>(type: "integer", nullable: false),
                    RequestedRupees = table.Column<double>(type: "double precision", nullable: false),
                    ApprovedRequests = table.Column<int>(type: "integer", nullable: false),
                    ApprovedRupees = table.Column<double>(type: "double precision", nullable: false),
                    RejectedRequests = table.Column<int>(type: "integer", nullable: false),
                    AutoDoneRequests = table.Column<int>(type: "integer", nullable: false),
                    RejectedRupees = table.Column<double>(type: "double precision", nullable: false)
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
