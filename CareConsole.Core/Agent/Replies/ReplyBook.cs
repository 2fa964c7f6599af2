using System.Text.Json;
using CareConsole.Core.Conversations;

namespace CareConsole.Core.Agent.Replies;

/// <summary>
/// What the agent says when code, not a model, decides the words (greetings, hand-offs, refused actions) and
/// the phrases the offline model builds its answers from: one text per register, kept in replies.json so the
/// wording can be changed without touching code.
/// </summary>
public sealed class ReplyBook
{
    private readonly Dictionary<string, Dictionary<string, string>> _texts;

    private ReplyBook(Dictionary<string, Dictionary<string, string>> texts) => _texts = texts;

    public static ReplyBook Default { get; } = Load();

    /// <summary>The text for <paramref name="key"/> in <paramref name="register"/>, with {placeholders} filled in.</summary>
    public string Say(string key, Register register, params ReadOnlySpan<(string Name, string Value)> values)
    {
        if (!_texts.TryGetValue(key, out var byRegister))
        {
            throw new KeyNotFoundException($"No reply '{key}' in replies.json.");
        }
        var text = byRegister.GetValueOrDefault(Code(register)) ?? byRegister["en"];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return text;
    }

    public bool Has(string key) => _texts.ContainsKey(key);

    private static string Code(Register register) => register switch
    {
        Register.Hindi => "hi",
        Register.Hinglish => "hinglish",
        _ => "en",
    };

    private static ReplyBook Load()
    {
        using var stream = typeof(ReplyBook).Assembly.GetManifestResourceStream("CareConsole.Core.Agent.Replies.replies.json")
            ?? throw new InvalidOperationException("replies.json is not embedded in CareConsole.Core.");
        return new ReplyBook(JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("replies.json is empty."));
    }
}
