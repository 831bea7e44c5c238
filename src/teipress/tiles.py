"""IIIF Image API 3.0 level 0 for the edition's own images: static files made at build time.

A level 0 image service is a folder of files a plain web server can serve:
``info.json`` (the image's size, the tile size and scale factors), the whole
image at each listed size (``full/max/0/default.jpg``, ``full/W,H/0/default.jpg``)
and the tiles (``X,Y,W,H/W,H/0/default.jpg``), named exactly as a viewer asks for
them (the Image API 3.0's canonical forms, which OpenSeadragon requests). Pillow
does the image work.

The folder is named by the image's content hash (``iiif/images/<hash>/``), and
the tiles are made once per content into the build cache (``.teipress-cache/…/
iiif-tiles/<hash>``): a build whose image did not change copies them instead of
making them again. ``info.json`` is written per build, as its ``id`` is where the
site is published.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import __version__

# Where the services of the edition's images go in the output, by content hash.
SERVICE_FOLDER = "iiif/images"
TILE_SIZE = 512
QUALITY = 85  # JPEG quality of the tiles and sizes
# Part of the cache key: a change of how tiles are made must not reuse old ones.
TILING = f"level0-{TILE_SIZE}-q{QUALITY}-{__version__}"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
_HASHES: dict[tuple[str, int, int], str] = {}


@dataclass(frozen=True)
class Service:
    """The level 0 image service of a local image: its folder in the output, its pixel size."""

    path: str  # "iiif/images/<hash>", relative to the site
    width: int
    height: int

    def scale_factors(self) -> list[int]:
        """Give the scale factors of the tiles: 1, 2, 4 … until the whole image fits in one tile."""
        factors = [1]
        while math.ceil(self.width / factors[-1]) > TILE_SIZE or math.ceil(self.height / factors[-1]) > TILE_SIZE:
            factors.append(factors[-1] * 2)
        return factors

    def sizes(self) -> list[tuple[int, int]]:
        """Give the sizes the whole image is served at (those of its levels that fit one tile), smallest first."""
        return sorted({(math.ceil(self.width / f), math.ceil(self.height / f)) for f in self.scale_factors()
                       if math.ceil(self.width / f) < TILE_SIZE and math.ceil(self.height / f) < TILE_SIZE})

    def info(self, base: str) -> dict:
        """Give the service's info.json, its id under the site's address ``base`` (ending in /)."""
        return {
            "@context": IMAGE_CONTEXT,
            "id": base + self.path,
            "type": "ImageService3",
            "protocol": "http://iiif.io/api/image",
            "profile": "level0",
            "width": self.width,
            "height": self.height,
            "sizes": [{"width": w, "height": h} for w, h in self.sizes()],
            "tiles": [{"width": TILE_SIZE, "height": TILE_SIZE, "scaleFactors": self.scale_factors()}],
        }


def content_hash(file: Path) -> str:
    """Give the hash naming an image's service (of its bytes; remembered per size and modification time)."""
    stat = file.stat()
    key = (str(file), stat.st_size, stat.st_mtime_ns)
    if key not in _HASHES:
        digest = hashlib.sha256()
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _HASHES[key] = digest.hexdigest()[:20]
    return _HASHES[key]


def service(file: Path) -> Service | None:
    """Give the level 0 service of the image ``file`` (reading only its header), or None when
    Pillow cannot read it (an SVG, a damaged file) or refuses it as a decompression bomb
    (over twice Image.MAX_IMAGE_PIXELS)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    return Service(f"{SERVICE_FOLDER}/{content_hash(file)}", width, height)


def tile_files(found: Service) -> list[tuple[str, tuple[int, int, int, int], tuple[int, int]]]:
    """Give every image file of the service but info.json: its path in the service folder,
    the region of the image it shows (x, y, w, h) and its size — as OpenSeadragon names them."""
    files = [("full/max/0/default.jpg", (0, 0, found.width, found.height), (found.width, found.height))]
    files += [(f"full/{w},{h}/0/default.jpg", (0, 0, found.width, found.height), (w, h)) for w, h in found.sizes()]
    for factor in found.scale_factors():
        level_w, level_h = math.ceil(found.width / factor), math.ceil(found.height / factor)
        if level_w < TILE_SIZE and level_h < TILE_SIZE:
            continue  # served whole (sizes)
        step = TILE_SIZE * factor
        for y in range(0, found.height, step):
            for x in range(0, found.width, step):
                region = (x, y, min(step, found.width - x), min(step, found.height - y))
                size = (min(TILE_SIZE, level_w - x // factor), min(TILE_SIZE, level_h - y // factor))
                whole = region == (0, 0, found.width, found.height)
                name = "full" if whole else ",".join(map(str, region))
                scale = "max" if size == (found.width, found.height) else f"{size[0]},{size[1]}"
                files.append((f"{name}/{scale}/0/default.jpg", region, size))
    return list({name: (name, region, size) for name, region, size in files}.values())


def make_tiles(file: Path, found: Service, cache: Path) -> Path:
    """Give the folder of the service's image files in the cache folder ``cache``, making
    them first when that content was never tiled (written aside, then renamed into place)."""
    folder = cache / f"{found.path.rsplit('/', 1)[-1]}-{hashlib.sha256(TILING.encode()).hexdigest()[:8]}"
    if folder.is_dir():
        return folder
    from PIL import Image

    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tiles-", dir=cache))
    try:
        with Image.open(file) as opened:
            image = opened.convert("RGB")  # JPEG has no alpha or palette
        for name, (x, y, w, h), size in tile_files(found):
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            image.crop((x, y, x + w, y + h)).resize(size, Image.Resampling.LANCZOS).save(target, "JPEG", quality=QUALITY)
        try:
            os.replace(work, folder)
        except OSError:
            if not folder.is_dir():  # else another worker made the same tiles first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def publish(file: Path, found: Service, cache: Path, staging: Path, base: str) -> list[Path]:
    """Write the service of ``file`` into ``staging`` (its tiles from the cache, its info.json
    with ``base`` as the site's address) and give the files written."""
    from .writers import atomic_write

    tiles = make_tiles(file, found, cache)
    target = staging / found.path
    written = []
    for source in sorted(tiles.rglob("*.jpg")):
        copy = target / source.relative_to(tiles)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        written.append(copy)
    written.append(atomic_write(target / "info.json", json.dumps(found.info(base), indent=1)))
    return written
