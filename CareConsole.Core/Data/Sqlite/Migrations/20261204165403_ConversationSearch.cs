using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConversationSearch : Migration
    {
        private const string Tokenizer = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'";

        // A conversation's document: its messages' search words, a private-use character (U+E000, a token of its own
        // for the tokenizer, never a word of a message) between two messages so no phrase runs across them. Its rowid
        // is the conversation's first message's Id, which never changes while the conversation has messages.
        private const string Document = """
            INSERT INTO ConversationSearch (rowid, SearchText, ConversationId)
                SELECT min(Id), group_concat(coalesce(SearchText, ''), ' ' || char(57344) || ' '), ConversationId FROM Messages
            """;

        private static string Rebuild(string conversation) =>
            $"{Document} WHERE ConversationId = {conversation} GROUP BY ConversationId;";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Delete;");
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE MessageSearch;");

            // One document per conversation: a search matches conversations directly, "all" and "any" in one query,
            // instead of mapping every matching message to its conversation. Contentless, keeping the conversation.
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE ConversationSearch USING fts5(
                    SearchText, ConversationId UNINDEXED,
                    content = '', contentless_delete = 1, contentless_unindexed = 1,
                    tokenize = "{Tokenizer}");
                """);
            migrationBuilder.Sql($"{Document} GROUP BY ConversationId;");
            // Each change to a conversation's messages writes its document again (a message's words are appended
            // at its end, as the conversation's newest).
            migrationBuilder.Sql($"""
                CREATE TRIGGER Messages_Search_Insert AFTER INSERT ON Messages BEGIN
                    DELETE FROM ConversationSearch WHERE rowid = (SELECT min(Id) FROM Messages WHERE ConversationId = new.ConversationId);
                    {Rebuild("new.ConversationId")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Messages_Search_Update AFTER UPDATE OF SearchText ON Messages BEGIN
                    DELETE FROM ConversationSearch WHERE rowid = (SELECT min(Id) FROM Messages WHERE ConversationId = new.ConversationId);
                    {Rebuild("new.ConversationId")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Messages_Search_Delete AFTER DELETE ON Messages BEGIN
                    DELETE FROM ConversationSearch
                        WHERE rowid = min(old.Id, coalesce((SELECT min(Id) FROM Messages WHERE ConversationId = old.ConversationId), old.Id));
                    {Rebuild("old.ConversationId")}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Delete;");
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER Messages_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE ConversationSearch;");
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE MessageSearch USING fts5(
                    SearchText, ConversationId UNINDEXED,
                    content = '', contentless_delete = 1, contentless_unindexed = 1,
                    tokenize = "{Tokenizer}");
                """);
            migrationBuilder.Sql("INSERT INTO MessageSearch (rowid, SearchText, ConversationId) SELECT Id, SearchText, ConversationId FROM Messages;");
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
    }
}
