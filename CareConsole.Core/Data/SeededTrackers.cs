using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareConsole.Core.Data;

/// <summary>
/// Three trackers every install starts with; managers change or remove them on the dashboard. Each engine's
/// migrations insert them once, when the table is made, so a tracker a manager deletes stays deleted.
/// </summary>
internal static class SeededTrackers
{
    public static void InsertInto(MigrationBuilder migrationBuilder)
    {
        var at = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        // Seed values skip the model's conversions: SQLite's columns hold times as UTC ticks.
        object seededAt = migrationBuilder.IsSqlite() ? at.UtcTicks : at;
        migrationBuilder.InsertData(
            table: "Trackers",
            columns: ["Name", "Phrases", "IsActive", "CreatedAt", "UpdatedAt"],
            values: new object[,]
            {
                {
                    "Great Indian Sale",
                    Phrases(migrationBuilder, "great indian sale", "great indian", "sale", "deal", "deals", "offer", "offers", "discount", "coupon", "सेल", "ऑफर", "डील", "डिस्काउंट", "कूपन"),
                    true, seededAt, seededAt,
                },
                {
                    "Late delivery",
                    Phrases(migrationBuilder, "late", "delay", "delayed", "not delivered", "not received", "still waiting", "kab aayega", "abhi tak nahi aaya", "der ho gayi", "देरी", "लेट", "अभी तक नहीं आया", "कब आएगा"),
                    true, seededAt, seededAt,
                },
                {
                    "Competitors",
                    Phrases(migrationBuilder, "amazon", "flipkart", "meesho", "myntra", "ajio", "snapdeal", "jiomart", "अमेज़न", "फ्लिपकार्ट", "मीशो"),
                    true, seededAt, seededAt,
                },
            });
    }

    /// <summary>PostgreSQL keeps the phrases as a text array; SQLite, as EF Core maps a list there, as JSON text.</summary>
    private static object Phrases(MigrationBuilder migrationBuilder, params string[] phrases) =>
        migrationBuilder.IsSqlite() ? JsonSerializer.Serialize(phrases) : phrases.ToList();
}
