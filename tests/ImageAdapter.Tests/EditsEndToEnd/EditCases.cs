namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// The edit matrix both SDKs run: every combination of Kontext model, <c>n</c>, output format and response format
/// (16 rows). The upload way is the parity of the other four choices, so each way meets every value of every other
/// column, and every pair of them; the input image cycles through PNG, JPEG and WebP.
/// </summary>
internal static class EditCases
{
    public static TheoryData<string, int, string, string, string, string> Matrix(string firstUpload, string secondUpload)
    {
        var rows = new TheoryData<string, int, string, string, string, string>();
        var row = 0;
        foreach (var (model, m) in new[] { ("flux-kontext-pro", 0), ("flux-kontext-max", 1) })
        {
            foreach (var (n, c) in new[] { (1, 0), (3, 1) })
            {
                foreach (var (format, f) in new[] { ("png", 0), ("jpeg", 1) })
                {
                    foreach (var (response, r) in new[] { ("b64_json", 0), ("url", 1) })
                    {
                        var upload = (m + c + f + r) % 2 == 0 ? firstUpload : secondUpload;
                        rows.Add(model, n, format, response, upload, EditInput.All[row++ % EditInput.All.Count].Name);
                    }
                }
            }
        }

        return rows;
    }
}
