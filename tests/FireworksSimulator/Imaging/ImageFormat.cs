namespace FireworksSimulator.Imaging;

internal enum ImageFormat
{
    Png,
    Jpeg,
}

internal static class ImageFormatExtensions
{
    public static string MediaType(this ImageFormat format) =>
        format == ImageFormat.Png ? "image/png" : "image/jpeg";

    public static string Extension(this ImageFormat format) =>
        format == ImageFormat.Png ? "png" : "jpeg";
}
