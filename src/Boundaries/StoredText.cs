namespace GemScheduling.Boundaries;

/// <summary>
/// Which characters text GemScheduling stores may hold. Refused: NUL and the other C0 controls except tab, line feed
/// and carriage return, DEL and the C1 controls, unpaired surrogates, and the noncharacters U+FFFE and U+FFFF. None of
/// them is ever typed on purpose, PostgreSQL's <c>jsonb</c> refuses some of them outright, and the rest break the
/// emails, notes and calendar files the text ends up in.
/// </summary>
public static class StoredText
{
    public static bool IsAllowed(char c) => c switch
    {
        '\t' or '\n' or '\r' => true,
        < ' ' => false,
        >= '\u007f' and <= '\u009f' => false,
        '\ufffe' or '\uffff' => false,
        _ => true,
    };

    /// <summary>The index of the first character text may not hold (an unpaired surrogate counts), or -1.</summary>
    public static int FirstRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || !IsAllowed(c))
                return i;
        }

        return -1;
    }

    /// <summary>The text without the characters it may not hold (for data that comes from elsewhere, such as Greenhouse).</summary>
    public static string Clean(string text)
    {
        if (FirstRefused(text) < 0)
            return text;
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
                continue;
            }

            if (!char.IsSurrogate(c) && IsAllowed(c))
                kept.Append(c);
        }

        return kept.ToString();
    }

    /// <summary>How a refused character is named in an error: its code point, never the character itself.</summary>
    public static string Describe(string text, int index) => $"U+{(int)text[index]:X4} at position {index}";
}
