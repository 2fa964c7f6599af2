using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            // The full-text index of the transcripts search. Contentless (the words live in Messages already) but
            // keeping each row's conversation, so a search needs no join; the tokenizer keeps Devanagari words whole
            // (unicode61 alone cuts them at every vowel sign). Triggers keep it in step with Messages.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE MessageSearch USING fts5(
                    SearchText, ConversationId UNINDEXED,
                    content = '', contentless_delete = 1, contentless_unindexed = 1,
                    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'");
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_Search_Insert AFTER INSERT ON Messages BEGIN
                    INSERT INTO MessageSearch (rowid, SearchText, ConversationId) VALUES (new.Id, new.SearchText, new.ConversationId);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_Search_Update AFTER UPDATE OF SearchText, ConversationId ON Messages BEGIN
                    DELETE FROM MessageSearch WHERE rowid = old.Id;
                    INSERT INTO MessageSearch (rowid, SearchText, ConversationId) VALUES (new.Id, new.SearchText, new.ConversationId);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_Search_Delete AFTER DELETE ON Messages BEGIN
                    DELETE FROM MessageSearch WHERE rowid = old.Id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Delete;");
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE MessageSearch;");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Messages");
        }
    }
}
