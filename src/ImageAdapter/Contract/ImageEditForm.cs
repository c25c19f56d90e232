using ImageAdapter.Validation;

namespace ImageAdapter.Contract;

/// <summary>
/// The OpenAI <c>CreateImageEditRequest</c> as received in <c>multipart/form-data</c>: the scalar fields, typed, in a
/// <see cref="CreateImageRequest"/>, and what only an edit has. Only the first image part's bytes are kept;
/// <see cref="ImageParts"/> counts them all, so that the validator can refuse more than one.
/// </summary>
internal sealed record ImageEditForm(CreateImageRequest Request, InputImage? Image, int ImageParts, bool HasMask, string? InputFidelity);
