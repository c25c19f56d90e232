using System.Net.Http.Headers;
using System.Text;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// A <c>multipart/form-data</c> edit body written byte by byte, in the shape the OpenAI SDKs send (each scalar a part
/// with a bare <c>Content-Disposition</c>, the image a file part with a filename and a content type), so that a test
/// can send what no SDK would: two images, a mask, a field of the wrong type, parts with broken headers.
/// </summary>
internal sealed class EditForm
{
    public const string DefaultBoundary = "----formdata-edit-e2e-0123456789";

    private readonly List<EditFormPart> _parts = [];

    public EditForm(string boundary = DefaultBoundary)
    {
        Boundary = boundary;
    }

    public string Boundary { get; }

    public IReadOnlyList<EditFormPart> Parts => _parts;

    public string ContentType => $"multipart/form-data; boundary={Boundary}";

    /// <summary>The form an SDK sends for one edit of <paramref name="image"/> with <paramref name="model"/>.</summary>
    public static EditForm Sdk(string model, EditInput image, string prompt = "make the fox blue") =>
        new EditForm().Field("model", model).Field("prompt", prompt).File("image", image);

    public EditForm Field(string name, string value) => Add(EditFormPart.Field(name, value));

    public EditForm File(string name, EditInput image) => File(name, image.Bytes, image.FileName, image.ContentType);

    public EditForm File(string name, byte[] bytes, string fileName, string contentType) =>
        Add(new EditFormPart(name, bytes, [$"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"", $"Content-Type: {contentType}"]));

    public EditForm Add(EditFormPart part)
    {
        _parts.Add(part);
        return this;
    }

    public EditForm Without(string name)
    {
        _parts.RemoveAll(part => part.Name == name);
        return this;
    }

    public byte[] ToBytes() => Serialize(Boundary, _parts);

    /// <summary><paramref name="parts"/> between <paramref name="boundary"/> lines, CRLF line ends, the closing boundary last.</summary>
    public static byte[] Serialize(string boundary, IEnumerable<EditFormPart> parts)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            Write(body, $"--{boundary}\r\n");
            foreach (var header in part.Headers)
            {
                Write(body, header + "\r\n");
            }

            Write(body, "\r\n");
            body.Write(part.Content);
            Write(body, "\r\n");
        }

        Write(body, $"--{boundary}--\r\n");
        return body.ToArray();
    }

    public HttpContent ToContent()
    {
        var content = new ByteArrayContent(ToBytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return content;
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
