using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class TrackerPatterns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Phrases",
                table: "Trackers",
                newName: "HinglishPhrases");

            migrationBuilder.AddColumn<long>(
                name: "BackfillTarget",
                table: "Trackers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BackfillThrough",
                table: "Trackers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<List<string>>(
                name: "EnglishPhrases",
                table: "Trackers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "HindiPhrases",
                table: "Trackers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::text[]");

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Trackers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Trackers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Speakers",
                table: "Trackers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Length",
                table: "TrackerHits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<int>>(
                name: "Places",
                table: "TrackerHits",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::integer[]");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "TrackerHits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Start",
                table: "TrackerHits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The one list of phrases was renamed above; the seeded trackers, if still as seeded, get their three lists.
            SeededTrackers.SplitByLanguage(migrationBuilder);

            // Every other tracker's phrases by their letters: Devanagari to the Hindi list, Latin to the English one
            // (English and Hinglish match alike; a manager may move romanised Hindi to its list later).
            migrationBuilder.Sql(
                """
                UPDATE "Trackers" SET
                    "EnglishPhrases" = ARRAY(SELECT p FROM unnest("HinglishPhrases") WITH ORDINALITY AS x(p, n) WHERE p !~ '[ऀ-ॿ]' ORDER BY n),
                    "HindiPhrases" = ARRAY(SELECT p FROM unnest("HinglishPhrases") WITH ORDINALITY AS x(p, n) WHERE p ~ '[ऀ-ॿ]' ORDER BY n),
                    "HinglishPhrases" = ARRAY[]::text[]
                WHERE "EnglishPhrases" = ARRAY[]::text[] AND "HindiPhrases" = ARRAY[]::text[];
                """);

            // Every tracker as it matched until now (whole words, customers' messages) at its first revision. Its
            // hits, revision 0, have no places yet: a back-fill over the messages stored so far redoes them with
            // places, and then removes whatever it did not find again.
            migrationBuilder.Sql(
                """
                UPDATE "Trackers" SET "Mode" = 'Exact', "Speakers" = 1, "Revision" = 1, "BackfillThrough" = 0,
                    "BackfillTarget" = (SELECT COALESCE(MAX("Id"), 0) FROM "Messages");
                """);

            // One hit per tracker and message from now on; the matcher never stored two, but the index must not fail
            // an upgrade over a database that somehow has them.
            migrationBuilder.Sql(
                """
                DELETE FROM "TrackerHits" WHERE "Id" NOT IN (SELECT MIN("Id") FROM "TrackerHits" GROUP BY "TrackerId", "MessageId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_TrackerHits_TrackerId_MessageId",
                table: "TrackerHits",
                columns: new[] { "TrackerId", "MessageId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrackerHits_TrackerId_MessageId",
                table: "TrackerHits");

            // Back to one list of phrases, in the column the rename below gives its old name.
            migrationBuilder.Sql(
                """
                UPDATE "Trackers" SET "HinglishPhrases" = "EnglishPhrases" || "HinglishPhrases" || "HindiPhrases";
                """);

            migrationBuilder.DropColumn(
                name: "BackfillTarget",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "BackfillThrough",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "EnglishPhrases",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "HindiPhrases",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "Speakers",
                table: "Trackers");

            migrationBuilder.DropColumn(
                name: "Length",
                table: "TrackerHits");

            migrationBuilder.DropColumn(
                name: "Places",
                table: "TrackerHits");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "TrackerHits");

            migrationBuilder.DropColumn(
                name: "Start",
                table: "TrackerHits");

            migrationBuilder.RenameColumn(
                name: "HinglishPhrases",
                table: "Trackers",
                newName: "Phrases");
        }
    }
}
