using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareConsole.Core.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ConversationSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The per-message index goes (a database may hold it as an expression index or over a stored column).
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Messages_Search";
                ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";
                """);

            // One text-search vector per conversation: a search matches conversations directly, "all" and "any" in
            // one query, instead of reading every matching message's row to find its conversation. Between two
            // messages stands a private-use character (U+E000) at a position of its own, so no phrase runs across
            // them; the parser would drop it from text, so it is joined as a vector. A vector holds at most 1 MB:
            // past 900 kB a conversation's later messages are kept but not indexed.
            migrationBuilder.Sql("""
                CREATE TABLE "ConversationSearch" (
                    "ConversationId" uuid PRIMARY KEY REFERENCES "Conversations" ("Id") ON DELETE CASCADE,
                    "SearchVector" tsvector NOT NULL);
                CREATE INDEX "IX_ConversationSearch" ON "ConversationSearch" USING GIN ("SearchVector");

                CREATE FUNCTION conversation_search_join(document tsvector, words text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE
                        WHEN document = ''::tsvector THEN to_tsvector('simple', coalesce(words, ''))
                        WHEN pg_column_size(document) > 900000 THEN document
                        ELSE document || (quote_literal(chr(57344)) || ':1')::tsvector || to_tsvector('simple', coalesce(words, ''))
                    END
                $$;

                CREATE FUNCTION conversation_search_document(conversation uuid) RETURNS tsvector
                LANGUAGE plpgsql STABLE AS $$
                DECLARE
                    document tsvector := '';
                    words text;
                BEGIN
                    FOR words IN SELECT "SearchText" FROM "Messages" WHERE "ConversationId" = conversation ORDER BY "Id" LOOP
                        document := conversation_search_join(document, words);
                    END LOOP;
                    RETURN document;
                END $$;

                -- A new message's words go on the end of its conversation's vector, under the row's lock: two messages
                -- written at once both land.
                CREATE FUNCTION conversation_search_append() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "ConversationSearch" AS s ("ConversationId", "SearchVector")
                        VALUES (NEW."ConversationId", to_tsvector('simple', coalesce(NEW."SearchText", '')))
                        ON CONFLICT ("ConversationId") DO UPDATE
                        SET "SearchVector" = conversation_search_join(s."SearchVector", NEW."SearchText");
                    RETURN NULL;
                END $$;

                -- A message's words changed (indexing messages from before search) or a message went: the vector is
                -- made again, unless the conversation itself is being deleted.
                CREATE FUNCTION conversation_search_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    conversation uuid := coalesce(NEW."ConversationId", OLD."ConversationId");
                BEGIN
                    IF EXISTS (SELECT 1 FROM "Conversations" WHERE "Id" = conversation) THEN
                        INSERT INTO "ConversationSearch" ("ConversationId", "SearchVector")
                            VALUES (conversation, conversation_search_document(conversation))
                            ON CONFLICT ("ConversationId") DO UPDATE SET "SearchVector" = EXCLUDED."SearchVector";
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "Messages_Search_Insert" AFTER INSERT ON "Messages"
                    FOR EACH ROW EXECUTE FUNCTION conversation_search_append();
                CREATE TRIGGER "Messages_Search_Update" AFTER UPDATE OF "SearchText" ON "Messages"
                    FOR EACH ROW EXECUTE FUNCTION conversation_search_rebuild();
                CREATE TRIGGER "Messages_Search_Delete" AFTER DELETE ON "Messages"
                    FOR EACH ROW EXECUTE FUNCTION conversation_search_rebuild();

                INSERT INTO "ConversationSearch" ("ConversationId", "SearchVector")
                    SELECT "Id", conversation_search_document("Id") FROM "Conversations"
                    WHERE EXISTS (SELECT 1 FROM "Messages" m WHERE m."ConversationId" = "Conversations"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Messages_Search_Delete" ON "Messages";
                DROP TRIGGER "Messages_Search_Update" ON "Messages";
                DROP TRIGGER "Messages_Search_Insert" ON "Messages";
                DROP FUNCTION conversation_search_rebuild();
                DROP FUNCTION conversation_search_append();
                DROP FUNCTION conversation_search_document(uuid);
                DROP FUNCTION conversation_search_join(tsvector, text);
                DROP TABLE "ConversationSearch";
                CREATE INDEX "IX_Messages_Search" ON "Messages" USING GIN (to_tsvector('simple', "SearchText"));
                """);
        }
    }
}
