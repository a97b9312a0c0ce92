using SkiaSharp;
using Svg.Skia;
using Svg.Skia.TypefaceProviders;

namespace NetDashboard.Export;

/// <summary>
/// Draws the SVG export as a PNG (<c>GET /api/topology/export?format=png&amp;scale=1|2|4</c>) with SkiaSharp and
/// Svg.Skia, in process. Text is set in the DejaVu fonts embedded in this assembly (<c>wwwroot-assets/fonts</c>), never the
/// machine's: the same picture on a desktop and in the font-less ASP.NET image. The SVG is the app's own (no script,
/// no external reference); Svg.Skia's script support stays off.
/// </summary>
public static class PngRenderer
{
    /// <summary>The scales a caller may ask for: CSS pixels of the SVG to pixels of the PNG.</summary>
    public static IReadOnlyList<int> Scales { get; } = [1, 2, 4];

    /// <summary>The largest picture drawn (width × height): 64 megapixels, 256 MB while it is drawn.</summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    private static readonly Lazy<EmbeddedFonts> Fonts = new(EmbeddedFonts.Load);

    /// <summary>Parses a <c>scale</c> value: null or empty is 1.</summary>
    public static bool TryParseScale(string? text, out int scale)
    {
        scale = 1;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out scale)
               && Scales.Contains(scale);
    }

    /// <summary>
    /// <paramref name="svg"/> as PNG bytes at <paramref name="scale"/>, or null when the picture would exceed
    /// <see cref="MaxPixels"/> (<paramref name="size"/> says how large it would have been).
    /// </summary>
    public static byte[]? Render(string svg, int scale, out (int Width, int Height) size)
    {
        using var document = Load(svg);
        var picture = document.Picture ?? throw new InvalidOperationException("The SVG export has no drawable picture.");
        size = Size(picture, scale);
        if ((long)size.Width * size.Height > MaxPixels)
        {
            return null;
        }
        using var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(scale);
            canvas.Translate(-picture.CullRect.Left, -picture.CullRect.Top);
            canvas.DrawPicture(picture);
        }
        // zlib level 1 with the Sub filter: five times faster than the defaults here, for a file about 12% larger.
        using var pixels = bitmap.PeekPixels();
        using var data = pixels?.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
                         ?? throw new InvalidOperationException("SkiaSharp could not encode the picture as PNG.");
        return data.ToArray();
    }

    private static (int Width, int Height) Size(SKPicture picture, int scale) =>
        ((int)Math.Ceiling(picture.CullRect.Width * scale), (int)Math.Ceiling(picture.CullRect.Height * scale));

    private static SKSvg Load(string svg)
    {
        var document = new SKSvg();
        document.Settings.EnableJavaScript = false;
        document.Settings.EnableExternalJavaScript = false;
        document.Settings.TypefaceProviders = [Fonts.Value];
        document.FromSvg(svg);
        return document;
    }

    /// <summary>DejaVu Sans (regular and bold) and DejaVu Sans Mono, read once from the assembly's resources.</summary>
    private sealed class EmbeddedFonts : ITypefaceProvider
    {
        private readonly SKTypeface _regular;
        private readonly SKTypeface _bold;
        private readonly SKTypeface _mono;

        private EmbeddedFonts(SKTypeface regular, SKTypeface bold, SKTypeface mono)
        {
            _regular = regular;
            _bold = bold;
            _mono = mono;
        }

        public static EmbeddedFonts Load() => new(Read("DejaVuSans.ttf"), Read("DejaVuSans-Bold.ttf"), Read("DejaVuSansMono.ttf"));

        private static SKTypeface Read(string file)
        {
            var name = $"NetDashboard.Export.Fonts.{file}";
            using var stream = typeof(PngRenderer).Assembly.GetManifestResourceStream(name)
                               ?? throw new InvalidOperationException($"The font {file} is missing from the app's resources.");
            using var data = SKData.Create(stream);
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font {file} could not be read.");
        }

        /// <summary>Monospaced families get the mono face; every other family the sans face, bold from weight 600.</summary>
        public SKTypeface FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle)
        {
            var family = fontFamily.Trim().Trim('"', '\'');
            if (family.Contains("mono", StringComparison.OrdinalIgnoreCase) || family.Equals("Menlo", StringComparison.OrdinalIgnoreCase)
                || family.Equals("Consolas", StringComparison.OrdinalIgnoreCase))
            {
                return _mono;
            }
            return (int)fontWeight >= 600 ? _bold : _regular;
        }
    }
}
