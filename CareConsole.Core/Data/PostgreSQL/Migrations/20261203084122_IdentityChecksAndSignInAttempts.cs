using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class IdentityChecksAndSignInAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Conversations_Customers_CandidateCustomerId",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_CandidateCustomerId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "CandidateCustomerId",
                table: "Conversations");

            migrationBuilder.AddColumn<string>(
                name: "ClaimedPhone",
                table: "Conversations",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerificationLockedUntil",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignInAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Client = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Phone = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Client = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationAttempts_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerificationLocks",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationLocks", x => x.Subject);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInAttempts_Email_At",
                table: "SignInAttempts",
                columns: new[] { "Email", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationAttempts_Client_At",
                table: "VerificationAttempts",
                columns: new[] { "Client", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationAttempts_ConversationId",
                table: "VerificationAttempts",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationAttempts_Phone_At",
                table: "VerificationAttempts",
                columns: new[] { "Phone", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInAttempts");

            migrationBuilder.DropTable(
                name: "VerificationAttempts");

            migrationBuilder.DropTable(
                name: "VerificationLocks");

            migrationBuilder.DropColumn(
                name: "ClaimedPhone",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "VerificationLockedUntil",
                table: "Conversations");

            migrationBuilder.AddColumn<int>(
                name: "CandidateCustomerId",
                table: "Conversations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_CandidateCustomerId",
                table: "Conversations",
                column: "CandidateCustomerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Conversations_Customers_CandidateCustomerId",
                table: "Conversations",
                column: "CandidateCustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
