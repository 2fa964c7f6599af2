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
    private static readonly Seed[] Seeds =
    [
        new("Great Indian Sale",
            English: ["great indian sale", "great indian", "sale", "deal", "deals", "offer", "offers", "discount", "coupon"],
            Hinglish: [],
            Hindi: ["सेल", "ऑफर", "डील", "डिस्काउंट", "कूपन"]),
        new("Late delivery",
            English: ["late", "delay", "delayed", "not delivered", "not received", "still waiting"],
            Hinglish: ["kab aayega", "abhi tak nahi aaya", "der ho gayi"],
            Hindi: ["देरी", "लेट", "अभी तक नहीं आया", "कब आएगा"]),
        new("Competitors",
            English: ["amazon", "flipkart", "meesho", "myntra", "ajio", "snapdeal", "jiomart"],
            Hinglish: [],
            Hindi: ["अमेज़न", "फ्लिपकार्ट", "मीशो"]),
    ];

    /// <summary>
    /// The three trackers as the first migrations made them, with one list of phrases (the <c>Phrases</c> column of
    /// that schema): the migration that splits the lists by language meets them as every install has them.
    /// </summary>
    public static void InsertInto(MigrationBuilder migrationBuilder)
    {
        var at = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        // Seed values skip the model's conversions: SQLite's columns hold times as UTC ticks.
        object seededAt = migrationBuilder.IsSqlite() ? at.UtcTicks : at;
        var values = new object[Seeds.Length, 5];
        for (var i = 0; i < Seeds.Length; i++)
        {
            values[i, 0] = Seeds[i].Name;
            values[i, 1] = Phrases(migrationBuilder, Seeds[i].AsFirstSeeded);
            values[i, 2] = true;
            values[i, 3] = seededAt;
            values[i, 4] = seededAt;
        }
        migrationBuilder.InsertData(table: "Trackers", columns: ["Name", "Phrases", "IsActive", "CreatedAt", "UpdatedAt"], values: values);
    }

    /// <summary>
    /// Puts each seeded tracker's phrases in the list of its language, for a tracker still exactly as seeded (its
    /// one list renamed <c>HinglishPhrases</c> by then). Updated in place rather than seeded again: the trackers keep
    /// their ids and their hits, a seeded tracker a manager deleted is not brought back, and one a manager edited is
    /// left as they made it (its phrases are split by their letters with everyone else's).
    /// </summary>
    public static void SplitByLanguage(MigrationBuilder migrationBuilder)
    {
        foreach (var seed in Seeds)
        {
            migrationBuilder.UpdateData(
                table: "Trackers",
                keyColumns: ["Name", "HinglishPhrases"],
                keyValues: [seed.Name, Phrases(migrationBuilder, seed.AsFirstSeeded)],
                columns: ["EnglishPhrases", "HindiPhrases", "HinglishPhrases"],
                values: [Phrases(migrationBuilder, seed.English), Phrases(migrationBuilder, seed.Hindi), Phrases(migrationBuilder, seed.Hinglish)]);
        }
    }

    /// <summary>PostgreSQL keeps the phrases as a text array; SQLite, as EF Core maps a list there, as JSON text.</summary>
    private static object Phrases(MigrationBuilder migrationBuilder, IReadOnlyList<string> phrases) =>
        migrationBuilder.IsSqlite() ? JsonSerializer.Serialize(phrases) : phrases.ToList();

    private sealed record Seed(string Name, string[] English, string[] Hinglish, string[] Hindi)
    {
        /// <summary>The one list the first migrations stored, in its order.</summary>
        public string[] AsFirstSeeded => [.. English, .. Hinglish, .. Hindi];
    }
}
