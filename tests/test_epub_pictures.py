"""Pictures for screens: the EPUB carries a print photo in sRGB and of at most 5.6 million
pixels (Apple Books refuses any other), the PDF the photo as supplied; any other picture goes
into the EPUB byte for byte."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageCms

import paiban
from paiban.check.preflight import preflight
from paiban.errors import PaibanError
from paiban.cache import NO_SHELF, BuildCache
from paiban.render.epub_pictures import MOST_PIXELS, as_png, for_screens

from conftest import PRESS_PROFILE, epubcheck_messages, make_book

CYAN = (255, 0, 0, 0)


def jpeg(picture: Image.Image, **options) -> bytes:
    saved = io.BytesIO()
    picture.save(saved, "JPEG", quality=95, **options)
    return saved.getvalue()


def turned(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # 6: the camera was turned; shown a quarter turn clockwise
    return exif


def carried(epub: Path, name: str) -> bytes:
    with zipfile.ZipFile(epub) as packed:
        return packed.read(f"EPUB/{name}")


def pdf_pictures(pdf: Path) -> list[tuple[int, int, str]]:
    """(width, height, colour) of each picture in the PDF, as poppler's pdfimages lists them."""
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [(int(row[3]), int(row[4]), row[5]) for row in map(str.split, listed.splitlines()[2:])]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A book with a CMYK photo from the press (its ICC profile, an EXIF turn), a photo of more
    pixels than Apple takes, and an ordinary one (turned by EXIF too, which readers honour)."""
    root = tmp_path_factory.mktemp("pictures") / "book"
    files = {
        "press.jpg": jpeg(Image.new("CMYK", (300, 200), CYAN), icc_profile=PRESS_PROFILE.read_bytes(),
                          exif=turned(6)),
        "large.png": _large_png(),
        "small.jpg": jpeg(Image.new("RGB", (300, 200), (200, 30, 30)), exif=turned(6)),
        "a.md": "# 图片\n\n![印刷图](press.jpg)\n\n![大图](large.png)\n\n![小图](small.jpg)\n",
    }
    make_book(root, files)
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    return root, outputs


def _large_png() -> bytes:
    """3000×2000 pixels (6 million), a band of colour on white."""
    picture = Image.new("RGB", (3000, 2000), "white")
    picture.paste((20, 90, 200), (0, 900, 3000, 1100))
    saved = io.BytesIO()
    picture.save(saved, "PNG")
    return saved.getvalue()


def test_a_cmyk_photo_is_in_the_epub_in_srgb_through_its_profile_turned_as_its_exif_says(built):
    root, outputs = built
    with Image.open(io.BytesIO(carried(outputs["epub"], "press.jpg"))) as picture:
        assert (picture.format, picture.mode, picture.size) == ("JPEG", "RGB", (200, 300))
        assert "icc_profile" not in picture.info and not picture.getexif().get(0x0112)
        shown = picture.getpixel((100, 150))
    through_profile = ImageCms.profileToProfile(Image.new("CMYK", (1, 1), CYAN), ImageCms.ImageCmsProfile(
        str(PRESS_PROFILE)), ImageCms.createProfile("sRGB"), outputMode="RGB").getpixel((0, 0))
    assert all(abs(a - b) <= 8 for a, b in zip(shown, through_profile, strict=True))
    assert Image.new("CMYK", (1, 1), CYAN).convert("RGB").getpixel((0, 0)) != through_profile  # not the naive formula
    assert (200, 300, "cmyk") in pdf_pictures(outputs["pdf"])  # the press's own in the PDF (turned by WeasyPrint)


def test_a_photo_of_more_pixels_than_apple_books_takes_is_scaled_down_for_the_epub_alone(built):
    root, outputs = built
    with Image.open(io.BytesIO(carried(outputs["epub"], "large.png"))) as picture:
        width, height = picture.size
        assert picture.format == "PNG" and width * height <= MOST_PIXELS
        assert width >= 2890 and abs(width / height - 1.5) < 0.002  # as large as fits, its shape kept
        assert picture.getpixel((width // 2, height // 2)) == (20, 90, 200)
    assert (3000, 2000, "rgb") in pdf_pictures(outputs["pdf"])


def test_any_other_picture_goes_into_the_epub_byte_for_byte_and_the_epub_is_valid(built):
    root, outputs = built
    assert carried(outputs["epub"], "small.jpg") == (root / "small.jpg").read_bytes()
    assert epubcheck_messages(outputs["epub"]) == []


def test_a_picture_made_for_screens_is_made_once_and_kept(built, tmp_path):
    root, _ = built
    out = tmp_path / "out"
    first = BuildCache.in_output(out)
    paiban.build(root, formats=["epub"], output=out, cache=first)
    (root / "a.md").write_text((root / "a.md").read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    again = BuildCache.in_output(out)
    paiban.build(root, formats=["epub"], output=out, cache=again)
    # the drawn cover, the CMYK photo and the large one; the small one is never made again
    assert first.made["epub-pictures"] == 3 and "epub-pictures" not in again.made
    assert again.reused["epub-pictures"] == 3


def test_a_16_bit_grey_picture_scaled_down_keeps_its_greys():
    """Made 8-bit by Pillow's conversion, a 16-bit grey (40000 of 65535) was clipped to white."""
    picture = Image.new("I;16", (3000, 2000), 40000)
    saved = io.BytesIO()
    picture.save(saved, "PNG")
    with Image.open(io.BytesIO(for_screens(saved.getvalue(), NO_SHELF))) as made:
        assert made.mode == "L" and made.size[0] * made.size[1] <= MOST_PIXELS
        assert made.getpixel((10, 10)) == 40000 // 256


def test_a_16_bit_grey_tiff_goes_into_the_epub_as_a_png_in_its_greys():
    """A scanner's 16-bit grey TIFF in big-endian order (Pillow's I;16B) went in as a white PNG:
    Pillow's conversion to RGB clips every value over 255."""
    scan = io.BytesIO()
    Image.new("I;16B", (30, 20), 40000).save(scan, "TIFF")
    with Image.open(io.BytesIO(as_png(scan.getvalue(), NO_SHELF))) as made:
        assert (made.format, made.mode, made.getpixel((15, 10))) == ("PNG", "L", 40000 // 256)


@pytest.mark.parametrize("pdf", ["", 'colour = "black"', 'variant = "pdf/a-2b"'])
def test_a_16_bit_grey_picture_prints_in_its_greys(tmp_path, caplog, pdf):
    """A film or document scanner's 16-bit grey PNG printed as a black block, with WeasyPrint's
    warning alone, naming no file ("Unknown image mode: I;16"); in black ink or PDF/A, converted by
    Pillow, as a white one (every value over 255 clipped)."""
    from pypdf import PdfReader

    scan = io.BytesIO()
    Image.new("I;16", (300, 200), 40000).save(scan, "PNG")  # 40000 of 65535: 156 of 255
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![底片](scan.png)\n", "scan.png": scan.getvalue()},
                     toml=f'[book]\ntitle = "书"\n[pdf]\n{pdf}\n')
    [output] = paiban.build(root, formats=["pdf"], output=tmp_path / "out")
    [printed] = next(page for page in PdfReader(output.path).pages if "底片" in page.extract_text()).images
    assert printed.image.size == (300, 200) and printed.image.convert("L").getpixel((150, 100)) == 156
    assert "image mode" not in caplog.text


def test_a_picture_in_lab_prints_in_its_colours(tmp_path, caplog):
    """WeasyPrint knows no Lab (a TIFF from a colour workflow): it left the picture out of the PDF,
    saying only "Failed to load image at 'file:///…'", with no reason."""
    from pypdf import PdfReader

    red = Image.new("RGB", (30, 20), (200, 30, 30))
    scan = io.BytesIO()
    ImageCms.profileToProfile(red, ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"),
                              outputMode="LAB").save(scan, "TIFF")
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![红](lab.tif)\n", "lab.tif": scan.getvalue()})
    [output] = paiban.build(root, formats=["pdf"], output=tmp_path / "out")
    [printed] = next(page for page in PdfReader(output.path).pages if "红" in page.extract_text()).images
    assert printed.image.convert("RGB").getpixel((15, 10)) == pytest.approx((200, 30, 30), abs=8)
    assert "image mode" not in caplog.text


def test_a_tiff_or_a_bmp_goes_into_the_epub_as_a_png_of_it_and_into_the_pdf_in_its_inks(tmp_path):
    """Carried as they were, they made the EPUB invalid (EPUBCheck's RSC-032: no core media type
    and no fallback), and reading systems showed nothing. A CMYK TIFF (a scan for print) is in sRGB
    in the EPUB; the PDF left it out ("Failed to load image": WeasyPrint writes a picture that is no
    JPEG through PNG, which holds no CMYK), and has it now as a CMYK JPEG, in its inks."""
    scan, drawn = io.BytesIO(), io.BytesIO()
    Image.new("CMYK", (120, 80), CYAN).save(scan, "TIFF")
    Image.new("RGB", (90, 60), (200, 30, 30)).save(drawn, "BMP")
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![扫描](scan.tif)\n\n![位图](drawn.bmp)\n",
                                      "scan.tif": scan.getvalue(), "drawn.bmp": drawn.getvalue()})
    epub, pdf = sorted(paiban.build(root, formats=["epub", "pdf"], output=tmp_path / "out"), key=lambda o: o.format)
    with zipfile.ZipFile(epub.path) as archive:
        names = archive.namelist()
        chapter = archive.read("EPUB/c1.xhtml").decode()
        pictures = {name: Image.open(io.BytesIO(archive.read(name))) for name in ("EPUB/scan.png", "EPUB/drawn.png")}
    assert not [name for name in names if name.endswith((".tif", ".bmp"))]
    assert 'src="scan.png"' in chapter and 'src="drawn.png"' in chapter
    assert {name: (picture.format, picture.mode, picture.size) for name, picture in pictures.items()} == {
        "EPUB/scan.png": ("PNG", "RGB", (120, 80)), "EPUB/drawn.png": ("PNG", "RGB", (90, 60))}
    assert pictures["EPUB/drawn.png"].getpixel((0, 0)) == (200, 30, 30)
    assert epubcheck_messages(epub.path) == []
    listed = subprocess.run(["pdfimages", "-list", str(pdf.path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listed.splitlines()[2:]]  # after its header's two lines, a picture each
    assert sorted((row[3], row[4], row[5], row[8]) for row in rows) == [("120", "80", "cmyk", "jpeg"),
                                                                      ("90", "60", "rgb", "image")]


@pytest.mark.parametrize(("name", "carried", "made"), [
    ("a.png", "a.png", False), ("b.jpeg", "b.jpeg", False), ("c.jfif", "c.jpg", False), ("d.apng", "d.png", False),
    ("e.tif", "e.png", True), ("f.bmp", "f.png", True), ("g.svg", "g.svg", False), ("h.svgz", "h.svg", False),
])
def test_a_picture_is_carried_under_a_core_types_name_made_again_only_when_its_format_is_none(name, carried, made):
    """A JPEG named .jfif, or an APNG, goes in as it is under the name of its core type (it was
    made again as a PNG, and an APNG lost its frames); a TIFF or a BMP as a PNG made of it."""
    from paiban.render.epub_pictures import carried_name, made_again

    assert (carried_name(name), made_again(name)) == (carried, made)


def test_a_compressed_svg_goes_into_the_epub_unpacked_and_the_epub_is_valid(tmp_path):
    import gzip

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![矩形](r.svgz)\n", "r.svgz": gzip.compress(svg)})
    [epub] = paiban.build(root, formats=["epub"], output=tmp_path / "out")
    with zipfile.ZipFile(epub.path) as archive:
        assert b"<svg" in archive.read("EPUB/r.svg") and 'src="r.svg"' in archive.read("EPUB/c1.xhtml").decode()
    assert epubcheck_messages(epub.path) == []

def test_a_compressed_svg_is_drawn_in_the_pdf_and_passes_the_check(tmp_path):
    """The PDF left it out ("the SVG image is not well-formed XML"), and the check called it "in a
    format paiban cannot read"."""
    import gzip

    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
           b'<rect width="40" height="20" fill="red"/></svg>')
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![矩形](r.svgz)\n", "r.svgz": gzip.compress(svg)})
    [pdf] = paiban.build(root, formats=["pdf"], output=tmp_path / "out")
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf.path), str(tmp_path / "page")], check=True)
    assert any((255, 0, 0) in {colour for _, colour in Image.open(page).convert("RGB").getcolors(10_000)}
               for page in tmp_path.glob("page*.png"))
    assert not [finding for finding in preflight(root, epubcheck=False).findings if finding.check == "images"]


def test_a_compressed_svg_that_unpacks_past_32_mb_is_an_error_naming_it(tmp_path):
    """A 3 MB .svgz unpacked to 3 GB in memory, then failed as a bug in paiban, out of memory."""
    import gzip

    bomb = gzip.compress(b'<svg xmlns="http://www.w3.org/2000/svg"><desc>' + b"A" * (33 * 2**20) + b"</desc></svg>")
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![炸弹](bomb.svgz)\n", "bomb.svgz": bomb})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["epub"], output=tmp_path / "out")
    assert caught.value.message == "the picture bomb.svgz unpacks to over 32 MB of SVG"
    assert caught.value.file.name == "bomb.svgz"


def test_an_svgs_style_nested_too_deep_is_an_error_at_its_line(tmp_path):
    """@media nested 1000 deep in an SVG's <style> was "internal error: RecursionError" as the EPUB took its CSS."""
    deep = "@media screen {" * 1000 + "rect { fill: red }" + "}" * 1000
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">\n<rect/>\n<style>\n{deep}</style></svg>'
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n![矩形](r.svg)\n", "r.svg": svg})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["epub"], output=tmp_path / "out")
    assert (caught.value.file, caught.value.line) == (root / "r.svg", 4)
    assert "nests its blocks more than 100 deep" in caught.value.message
