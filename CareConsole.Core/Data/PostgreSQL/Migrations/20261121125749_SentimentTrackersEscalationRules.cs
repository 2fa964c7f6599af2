using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class SentimentTrackersEscalationRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rule now lives in Reason; the old rule name is kept as the first escalations' "why".
            migrationBuilder.RenameColumn(
                name: "Rule",
                table: "Escalations",
                newName: "Why");

            migrationBuilder.AlterColumn<string>(
                name: "Why",
                table: "Escalations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<double>(
                name: "Sentiment",
                table: "Messages",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Unanswered",
                table: "Messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "Sentiment",
                table: "Conversations",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SentimentAlarmRaised",
                table: "Conversations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "SentimentTrend",
                table: "Conversations",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "UnhelpedTurnsInARow",
                table: "Conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "Amount",
                table: "ActionRequests",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "Trackers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Phrases = table.Column<List<string>>(type: "text[]", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trackers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrackerHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrackerId = table.Column<int>(type: "integer", nullable: false),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Phrase = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackerHits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackerHits_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrackerHits_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrackerHits_Trackers_TrackerId",
                        column: x => x.TrackerId,
                        principalTable: "Trackers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrackerHits_ConversationId",
                table: "TrackerHits",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_TrackerHits_MessageId",
                table: "TrackerHits",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_TrackerHits_TrackerId_At",
                table: "TrackerHits",
                columns: new[] { "TrackerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Trackers_Name",
                table: "Trackers",
                column: "Name",
                unique: true);
            SeededTrackers.InsertInto(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrackerHits");

            migrationBuilder.DropTable(
                name: "Trackers");

            migrationBuilder.DropColumn(
                name: "Sentiment",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Unanswered",
                table: "Messages");

            migrationBuilder.AlterColumn<string>(
                name: "Why",
                table: "Escalations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500);

            migrationBuilder.RenameColumn(
                name: "Why",
                table: "Escalations",
                newName: "Rule");

            migrationBuilder.DropColumn(
                name: "Sentiment",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SentimentAlarmRaised",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SentimentTrend",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "UnhelpedTurnsInARow",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "Amount",
                table: "ActionRequests");

        }
    }
}
