namespace ImageAdapter.Contract;

/// <summary>The OpenAI list shape of <c>GET /v1/models</c>.</summary>
internal sealed record ModelList(IReadOnlyList<ModelObject> Data)
{
    public string Object => "list";
}

internal sealed record ModelObject(string Id, long Created, string OwnedBy)
{
    public string Object => "model";
}
