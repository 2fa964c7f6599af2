using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ConfirmationsAndDecisionsOnOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "RefundApproved",
                table: "Payments",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefundStartedAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Payments",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PickupOn",
                table: "Orders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplacementOrderId",
                table: "Orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplacesOrderId",
                table: "Orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PendingAmount",
                table: "Conversations",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PendingExpiresAt",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingKind",
                table: "Conversations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PendingNeedsPerson",
                table: "Conversations",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingOrderId",
                table: "Conversations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionRequests_OneOpenPerOrderAndKind",
                table: "ActionRequests",
                columns: new[] { "OrderId", "Kind" },
                unique: true,
                filter: "\"Status\" = 'AwaitingApproval'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionRequests_OneOpenPerOrderAndKind",
                table: "ActionRequests");

            migrationBuilder.DropColumn(
                name: "RefundApproved",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "RefundStartedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "PickupOn",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ReplacementOrderId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ReplacesOrderId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "PendingAmount",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PendingExpiresAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PendingKind",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PendingNeedsPerson",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PendingOrderId",
                table: "Conversations");
        }
    }
}
