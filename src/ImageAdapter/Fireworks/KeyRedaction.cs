using System.Globalization;
using System.Text;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Takes every trace of the Fireworks key out of a text Fireworks sent back, before a client sees it. The text is
/// normalised first (percent-decoded, Unicode NFKC, invisible format characters such as zero-width spaces removed,
/// line breaks made spaces), then any run of <see cref="RunLength"/> or more characters of the key, or of its base64
/// forms, is replaced, ignoring case and white space: a key broken across lines is still one run.
/// </summary>
internal static class KeyRedaction
{
    public const int RunLength = 8;
    public const string Marker = "[redacted]";

    public static string Redact(string text, string key)
    {
        var clean = Normalise(text);

        // Runs are looked for with the white space left out, so a key broken across lines or words is still found.
        var skeleton = new StringBuilder(clean.Length);
        var positions = new List<int>(clean.Length);
        for (var i = 0; i < clean.Length; i++)
        {
            if (!char.IsWhiteSpace(clean[i]))
            {
                skeleton.Append(char.ToLowerInvariant(clean[i]));
                positions.Add(i);
            }
        }

        var runs = Runs(key);
        var lower = skeleton.ToString();
        var redacted = new bool[clean.Length];
        foreach (var length in runs.Select(run => run.Length).Distinct())
        {
            for (var start = 0; start + length <= lower.Length; start++)
            {
                if (runs.Contains(lower.Substring(start, length)))
                {
                    var first = positions[start];
                    Array.Fill(redacted, true, first, positions[start + length - 1] - first + 1);
                }
            }
        }

        var result = new StringBuilder(clean.Length);
        for (var i = 0; i < clean.Length; i++)
        {
            if (!redacted[i])
            {
                result.Append(clean[i]);
            }
            else if (i == 0 || !redacted[i - 1])
            {
                result.Append(Marker);
            }
        }

        return result.ToString();
    }

    private static string Normalise(string text)
    {
        var decoded = Uri.UnescapeDataString(text).Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            if (char.IsControl(c))
            {
                result.Append(' ');
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>Every lower-cased run of <see cref="RunLength"/> characters (or the whole form, if shorter) of each form of the key.</summary>
    private static HashSet<string> Runs(string key)
    {
        var runs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in Forms(key))
        {
            var length = Math.Min(RunLength, form.Length);
            for (var start = 0; length > 0 && start + length <= form.Length; start++)
            {
                runs.Add(form.Substring(start, length).ToLowerInvariant());
            }
        }

        return runs;
    }

    // The key itself, and its base64 as it would appear at each of the three byte alignments inside a longer base64
    // text (standard and URL-safe alphabets), without the characters that depend on the bytes around it.
    private static IEnumerable<string> Forms(string key)
    {
        yield return key;
        var bytes = Encoding.UTF8.GetBytes(key);
        foreach (var (prefix, skip) in new[] { (0, 0), (1, 2), (2, 3) })
        {
            var encoded = Convert.ToBase64String([.. new byte[prefix], .. bytes]).TrimEnd('=');
            var stable = encoded.Length - skip - 2 > 0 ? encoded.Substring(skip, encoded.Length - skip - 2) : "";
            yield return stable;
            yield return stable.Replace('+', '-').Replace('/', '_');
        }
    }
}
