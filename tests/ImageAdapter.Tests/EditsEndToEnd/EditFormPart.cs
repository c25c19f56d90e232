using System.Text;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>One part of an <see cref="EditForm"/>: its field name (for lookups), its header lines as sent, its content.</summary>
internal sealed record EditFormPart(string Name, byte[] Content, IReadOnlyList<string> Headers)
{
    public static EditFormPart Field(string name, string value) =>
        new(name, Encoding.UTF8.GetBytes(value), [$"Content-Disposition: form-data; name=\"{name}\""]);
}
