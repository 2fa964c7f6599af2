namespace CareConsole.Core.Sentiment;

/// <summary>
/// Sentiment from a lexicon and rules, for English, Hindi and Hinglish support chat. Each feeling word or phrase
/// of the <see cref="SentimentLexicon"/> gives a weight, which the rules then adjust:
/// <list type="bullet">
/// <item>negation turns it round and softens it ("not happy"); Hindi negation may come after ("accha nahi");</item>
/// <item>boosters, capitals, stretched words and exclamation marks strengthen it ("VERY bad!!!", "sooo slow");</item>
/// <item>after a contrast the second part outweighs the first ("thanks but this is useless");</item>
/// <item>thanks beside a request, a question or a complaint is courtesy, not praise ("please check, thanks");</item>
/// <item>praise flagged as sarcastic ("wow", "waah", 🙄) in a complaining message counts against it.</item>
/// </list>
/// The sum is squashed into [-1, 1] so one strong word scores about ±0.6 and several saturate towards ±1.
/// </summary>
public sealed class LexiconSentimentModel(SentimentLexicon lexicon) : ISentimentModel
{
    // How far each rule moves a weight, on the lexicon's -4..4 scale.
    private const double NegationFactor = -0.74;
    private const double ShoutBoost = 0.733;
    private const double StretchBoost = 0.3;
    private const double ExclamationBoost = 0.292;
    private const double QuestionBoost = 0.18;
    private const double BeforeContrast = 0.3;
    private const double AfterContrast = 1.0;
    private const double CourtesyThanks = 0.15;

    // Phrases of thanks ("thank you so much", "thanks a lot") are scored as praise, but thanking is never sarcasm
    // after a complaint the way bare praise is ("Wonderful.").
    private static readonly HashSet<string> ThanksWords = new(StringComparer.Ordinal)
    {
        "thank", "thanks", "thanku", "thankyou", "thx", "many", "shukriya", "dhanyavaad", "dhanyawad", "dhanyavad", "धन्यवाद", "शुक्रिया",
    };
    private const double SarcasticPraise = -0.6;
    private const double ShoutingWeight = -1.8;
    private const double AskedPraise = 0.3;

    /// <summary>A negative weight at least this strong makes the message a complaint (thanks become courtesy).</summary>
    private const double ComplaintAtOrBelow = -0.9;

    /// <summary>"took 3 weeks", "2 hafte se", "एक महीने से": time gone by, as a complaint.</summary>
    private static readonly SentimentCue ElapsedCue = new(CueKind.Valence, ["(time passed)"], ["(time passed)"], -1.6);

    // Larger spreads the squashed score out: with 15 a single weight of -3 scores -0.61.
    private const double Squash = 15;

    /// <summary>Words a negator or booster may reach across ("not at all happy", "bahut hi bura").</summary>
    private const int Reach = 3;

    /// <summary>How far after "koi X" its negation may come ("koi complaint ka scope hi nahi").</summary>
    private const int NoneOfReach = 4;

    public static LexiconSentimentModel Default { get; } = new(SentimentLexicon.Default);

    public SentimentScore Score(string text, double? previous = null) => Analyse(text, previous, null);

    /// <summary>What each cue of <paramref name="text"/> added to the sum behind its score, in order.</summary>
    public IReadOnlyList<(string Cue, double Counted)> Explain(string text, double? previous = null)
    {
        var contributions = new List<(string, double)>();
        Analyse(text, previous, contributions);
        return contributions;
    }

    private SentimentScore Analyse(string text, double? previous, List<(string Cue, double Counted)>? explanation)
    {
        var tokens = SentimentTokens.Scan(text);
        var cues = Match(tokens);
        var elapsed = ElapsedTime(tokens);
        var shouting = IsShouting(tokens);
        if (cues.Count == 0 && elapsed is null && !shouting)
        {
            return SentimentScore.Neutral;
        }

        var lastContrast = -1;
        var courtesy = tokens.Exists(t => t.Kind == TokenKind.Question);
        var sarcasm = false;
        foreach (var cue in cues)
        {
            lastContrast = cue.Cue.Kind is CueKind.Contrast ? cue.Start : lastContrast;
            courtesy |= cue.Cue.Kind is CueKind.Politeness;
            sarcasm |= cue.Cue.Kind is CueKind.Sarcasm;
        }

        var weights = new List<Weighed>();
        foreach (var cue in cues)
        {
            if (cue.Cue.Kind is CueKind.Valence or CueKind.Thanks || (cue.Cue.Kind is CueKind.Sarcasm && cue.Cue.Weight != 0))
            {
                var (weight, negated) = Adjusted(cue, cues, tokens);
                if (IsAcknowledgement(cue, tokens))
                {
                    weight = 0;
                }
                else if (weight > 0 && EndsInQuestion(cue, tokens))
                {
                    // "is that fine?", "will it be good?": asking about something good is not feeling good.
                    weight *= AskedPraise;
                }
                weights.Add(new Weighed(cue, weight * ContrastFactor(cue.Start, lastContrast), negated));
            }
        }
        if (elapsed is { } at)
        {
            weights.Add(new Weighed(new MatchedCue(ElapsedCue, at, at + 1, -1), ElapsedCue.Weight * ContrastFactor(at, lastContrast), false));
        }

        // What the customer is left complaining about: strong negatives after the last "but", if there is one.
        var complaintAt = weights.FindIndex(w => w.Weight <= ComplaintAtOrBelow && w.Cue.Start > lastContrast);
        Weighed? complaint = complaintAt < 0 ? null : weights[complaintAt];
        // Something put right ("solved", "received", "mil gaya") makes praise sincere, unless a marker says otherwise.
        var relief = tokens.Exists(t => lexicon.IsIn(WordSet.Relief, t.Word));
        var praiseFirst = lastContrast < 0 && !relief && complaint is { } firstComplaint
            && weights.Exists(w => w.Weight > 0 && w.Cue.Cue.Kind == CueKind.Valence && !w.Negated && w.Cue.Start < firstComplaint.Cue.Start);
        // Praise straight after a complaint, with no thanks and nothing put right ("Wonderful. Really impressed
        // with your delivery dates."), is the complaint going on.
        var sarcasticFollowUp = previous <= SentimentScore.NegativeAtOrBelow && complaint is null && !relief
            && !cues.Exists(c => c.Cue.Kind == CueKind.Thanks || (c.Cue.Kind == CueKind.Valence && c.Cue.Weight > 0 && ThanksWords.Contains(c.Cue.Words[0])));
        var counts = new List<(MatchedCue Cue, double Counted)>();
        foreach (var (cue, weight, negated) in weights)
        {
            var counted = weight;
            if (cue.Cue.Kind == CueKind.Thanks && (courtesy || complaint is not null))
            {
                counted *= CourtesyThanks;
            }
            else if (weight > 0 && !negated && ((complaint is not null && (sarcasm || praiseFirst)) || sarcasticFollowUp))
            {
                // "great, another delay", "waah, phir se cancel": praise in a complaint is sarcasm.
                counted *= SarcasticPraise;
            }
            else if (weight > 0 && negated && courtesy)
            {
                // "koi problem nahi, bas puchna tha": a denied problem in a question is manners, not delight.
                counted *= CourtesyThanks * 2;
            }
            counts.Add((cue, counted));
        }
        KeepTheLastWordForTheContrast(counts, lastContrast);
        var sum = 0.0;
        foreach (var (cue, counted) in counts)
        {
            sum += counted;
            explanation?.Add((string.Join(' ', cue.Cue.Words), counted));
        }
        if (shouting && sum <= 0)
        {
            // "WHERE IS MY REFUND": shouting at support with no feeling words is still anger.
            sum += ShoutingWeight;
            explanation?.Add(("(shouting)", ShoutingWeight));
        }

        var emphasis = Math.Sign(sum) * Emphasis(tokens);
        sum += emphasis;
        if (emphasis != 0)
        {
            explanation?.Add(("(! and ?)", emphasis));
        }
        var score = Math.Clamp(sum / Math.Sqrt(sum * sum + Squash), -1, 1);
        return SentimentScore.Of(Math.Round(score, 4));
    }

    /// <summary>A feeling cue's weight after the boosters, negators, capitals and stretching around it.</summary>
    private (double Weight, bool Negated) Adjusted(MatchedCue cue, List<MatchedCue> cues, List<SentimentToken> tokens)
    {
        var weight = cue.Cue.Weight;
        var sign = Math.Sign(weight);
        if (sign == 0)
        {
            return (0, false);
        }
        if (AnyToken(tokens, cue.Start, cue.End, t => t.Shouted))
        {
            weight += sign * ShoutBoost;
        }
        if (AnyToken(tokens, cue.Start, cue.End, t => t.IsStretched))
        {
            weight += sign * StretchBoost;
        }

        var negated = false;
        // An emoji says what it says: "nahi aaya 😡" is not a happy face turned round.
        var negatable = tokens[cue.Start].Kind == TokenKind.Word;
        foreach (var other in cues)
        {
            if (other.Clause != cue.Clause)
            {
                continue;
            }
            var gapBefore = cue.Start - other.End;
            var gapAfter = other.Start - cue.End;
            switch (other.Cue.Kind)
            {
                case CueKind.Booster when gapBefore is >= 0 and < Reach:
                    weight += sign * (other.Cue.Weight + (AnyToken(tokens, other.Start, other.End, t => t.Shouted) ? ShoutBoost : 0)
                        + (AnyToken(tokens, other.Start, other.End, t => t.IsStretched) ? StretchBoost : 0));
                    break;
                case CueKind.Dampener when gapBefore is >= 0 and < Reach:
                    weight -= sign * Math.Min(Math.Abs(weight) / 2, 0.3);
                    break;
                case CueKind.Negator when negatable && gapBefore is >= 0 and < Reach:
                // Hindi negates the verb that ends the clause ("accha nahi hai", "pasand nahi aaya"), rarely a word after it.
                case CueKind.HindiNegator when negatable && (gapAfter is >= 0 and < Reach - 1 || gapBefore == 0
                    || (gapAfter is >= 0 and <= NoneOfReach && AnyToken(tokens, Math.Max(0, cue.Start - 2), cue.Start, t => lexicon.IsIn(WordSet.NoneOf, t.Word)))):
                    negated = true;
                    break;
            }
        }
        return negated ? (weight * NegationFactor, true) : (weight, false);
    }

    /// <summary>"acha, samajh gaya", "ok.": an acknowledging word alone at the start, before a pause or the end.</summary>
    private bool IsAcknowledgement(MatchedCue cue, List<SentimentToken> tokens) =>
        cue.Start == 0 && cue.End - cue.Start == 1 && lexicon.IsIn(WordSet.Acknowledgement, tokens[0].Word)
        && (tokens.Count == 1 || tokens[1].Kind is TokenKind.Pause or TokenKind.Exclamation
            || (tokens[1].Kind == TokenKind.Word && tokens.Count > 2 && tokens[2].Kind == TokenKind.Pause && tokens[1].Word is "ji" or "जी"));

    /// <summary>Whether the clause holding the cue ends in a question mark.</summary>
    private static bool EndsInQuestion(MatchedCue cue, List<SentimentToken> tokens)
    {
        for (var i = cue.End; i < tokens.Count; i++)
        {
            if (tokens[i].Kind is TokenKind.Question)
            {
                return true;
            }
            if (tokens[i].Kind is TokenKind.Pause or TokenKind.Exclamation)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// "The shoes are lovely but delivery took 3 weeks": when the parts before and after a contrast pull opposite
    /// ways, the part after decides, so the part before may count at most half as much.
    /// </summary>
    private static void KeepTheLastWordForTheContrast(List<(MatchedCue Cue, double Counted)> counts, int lastContrast)
    {
        if (lastContrast < 0)
        {
            return;
        }
        var before = counts.Where(c => c.Cue.Start < lastContrast).Sum(c => c.Counted);
        var after = counts.Where(c => c.Cue.Start > lastContrast).Sum(c => c.Counted);
        if (before == 0 || after == 0 || Math.Sign(before) == Math.Sign(after) || Math.Abs(before) <= Math.Abs(after) / 2)
        {
            return;
        }
        var scale = Math.Abs(after) / 2 / Math.Abs(before);
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i].Cue.Start < lastContrast)
            {
                counts[i] = (counts[i].Cue, counts[i].Counted * scale);
            }
        }
    }

    private static double ContrastFactor(int start, int lastContrast) =>
        lastContrast < 0 ? 1 : start < lastContrast ? BeforeContrast : AfterContrast;

    /// <summary>
    /// Where the message says time has gone by (a number, a unit of time, and a word such as "took", "since",
    /// "se" next to them), or null. "refund in 5-7 days" and "delivered in 2 days" say no such thing.
    /// </summary>
    private int? ElapsedTime(List<SentimentToken> tokens)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !lexicon.IsIn(WordSet.Duration, tokens[i].Word))
            {
                continue;
            }
            var number = tokens[i - 1];
            if (number.Kind != TokenKind.Word || !(number.Word.All(char.IsAsciiDigit) || lexicon.IsIn(WordSet.Number, number.Word)))
            {
                continue;
            }
            for (var k = Math.Max(0, i - 4); k < Math.Min(tokens.Count, i + 3); k++)
            {
                if (k != i && k != i - 1 && tokens[k].Kind == TokenKind.Word && lexicon.IsIn(WordSet.Waited, tokens[k].Word))
                {
                    return i;
                }
            }
        }
        return null;
    }

    /// <summary>Three or more words, every one in capitals.</summary>
    private static bool IsShouting(List<SentimentToken> tokens)
    {
        var words = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Word && token.Word.Length > 1 && token.Word.Any(char.IsAsciiLetter))
            {
                if (!token.Shouted)
                {
                    return false;
                }
                words++;
            }
        }
        return words >= 3;
    }

    /// <summary>Exclamation marks, and a pile of question marks ("where is my order???"), make a feeling stronger.</summary>
    private static double Emphasis(List<SentimentToken> tokens)
    {
        var exclamations = tokens.Count(t => t.Kind == TokenKind.Exclamation);
        var questions = tokens.Count(t => t.Kind == TokenKind.Question);
        return Math.Min(exclamations, 4) * ExclamationBoost + (questions >= 2 ? Math.Min(questions, 3) * QuestionBoost : 0);
    }

    private static bool AnyToken(List<SentimentToken> tokens, int start, int end, Func<SentimentToken, bool> test)
    {
        for (var i = start; i < end; i++)
        {
            if (test(tokens[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The lexicon's cues found in the message, longest phrase first at each word, each with its clause: clauses
    /// end at punctuation and begin again at a contrast.
    /// </summary>
    private List<MatchedCue> Match(List<SentimentToken> tokens)
    {
        var found = new List<MatchedCue>();
        var clause = 0;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Kind is not (TokenKind.Word or TokenKind.Emoji))
            {
                clause++;
                i++;
                continue;
            }
            if (Longest(tokens, i) is not ({ } cue, var end))
            {
                i++;
                continue;
            }
            var kind = cue.Kind;
            if (kind == CueKind.ContrastAfterPause)
            {
                // "par" is "on" unless a pause or the end of a clause comes before it: "accha hai par late aaya".
                if (i == 0 || (tokens[i - 1].Kind != TokenKind.Pause && !lexicon.IsIn(WordSet.ClauseEnd, tokens[i - 1].Word)))
                {
                    i++;
                    continue;
                }
                cue = cue with { Kind = CueKind.Contrast };
            }
            if (cue.Kind == CueKind.Contrast)
            {
                clause++;
            }
            found.Add(new MatchedCue(cue, i, end, clause));
            i = end;
        }
        return found;
    }

    private (SentimentCue Cue, int End)? Longest(List<SentimentToken> tokens, int start)
    {
        (SentimentCue Cue, int End)? best = null;
        foreach (var key in Keys(tokens[start]))
        {
            var candidates = lexicon.StartingWith(key);
            if (candidates is null)
            {
                continue;
            }
            foreach (var cue in candidates)
            {
                if (best is { } found && cue.Words.Length <= found.Cue.Words.Length)
                {
                    break;
                }
                var end = MatchEnd(cue, tokens, start);
                if (end > 0)
                {
                    best = (cue, end);
                    break;
                }
            }
        }
        return best;
    }

    private static IEnumerable<string> Keys(SentimentToken token)
    {
        yield return token.Word;
        if (token.Stem != token.Word)
        {
            yield return token.Stem;
        }
        foreach (var lemma in SentimentTokens.Lemmas(token.Word))
        {
            yield return lemma;
        }
        if (token.IsStretched)
        {
            yield return token.SqueezedToOne!;
            yield return token.SqueezedToTwo!;
        }
    }

    /// <summary>Where the cue ends if it starts at <paramref name="start"/>, or -1. Hindi particles may sit inside.</summary>
    private int MatchEnd(SentimentCue cue, List<SentimentToken> tokens, int start)
    {
        var i = start;
        for (var k = 0; k < cue.Words.Length; k++)
        {
            while (k > 0 && i < tokens.Count && tokens[i].Kind == TokenKind.Word && lexicon.IsIn(WordSet.Particle, tokens[i].Word)
                && !lexicon.IsIn(WordSet.Particle, cue.Words[k]))
            {
                i++;
            }
            if (i >= tokens.Count)
            {
                return -1;
            }
            var token = tokens[i];
            var word = cue.Words[k];
            var matches = token.Kind is TokenKind.Word or TokenKind.Emoji
                && (token.Word == word || token.Stem == cue.Stems[k] || token.Stem == word || SentimentTokens.IsInflectionOf(token.Word, word)
                    || (token.IsStretched && (token.SqueezedToOne == word || token.SqueezedToTwo == word)));
            if (!matches)
            {
                return -1;
            }
            i++;
        }
        return i;
    }

    private readonly record struct MatchedCue(SentimentCue Cue, int Start, int End, int Clause);

    private readonly record struct Weighed(MatchedCue Cue, double Weight, bool Negated);
}
