using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class DeskTakeOver : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StaffName",
                table: "Messages",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClaimedAt",
                table: "Escalations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedById",
                table: "Escalations",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedByName",
                table: "Escalations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "Escalations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeId",
                table: "Conversations",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "Conversations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClaimedAt",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolutionNote",
                table: "Conversations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ApprovedAmount",
                table: "ActionRequests",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "ActionRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedById",
                table: "ActionRequests",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByName",
                table: "ActionRequests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "ActionRequests",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Owner_Phase",
                table: "Conversations",
                columns: new[] { "Owner", "Phase" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Owner_Phase",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "StaffName",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "ClaimedById",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "ClaimedByName",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "AssigneeId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "AssigneeName",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ResolutionNote",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ApprovedAmount",
                table: "ActionRequests");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "ActionRequests");

            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "ActionRequests");

            migrationBuilder.DropColumn(
                name: "DecidedByName",
                table: "ActionRequests");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "ActionRequests");
        }
    }
}
