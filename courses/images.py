"""Rendition sizes used by the site, and batch loading of their renditions.

Templates name the same filter specs as the constants here; the listing and
page views prefetch exactly these renditions so that a page costs one query
for all its images whatever their number.
"""

from collections import defaultdict

from django.db.models import Prefetch
from wagtail.images import get_image_model

# Catalogue cards and course covers: 16:9, small first. Templates use
# ``fill-{360x203,720x405}`` (cards) or ``fill-{360x203,720x405,1080x608}``
# (the course page), always with ``format-webp``.
CARD_SPECS = ("fill-360x203|format-webp", "fill-720x405|format-webp")
COVER_SPECS = (*CARD_SPECS, "fill-1080x608|format-webp")
# Images inside content: ``width-{360,720,1080} format-webp``.
CONTENT_SPECS = (
    "width-360|format-webp",
    "width-720|format-webp",
    "width-1080|format-webp",
)
# Speaker photos: ``fill-{96x96,192x192} format-webp``.
SPEAKER_SPECS = ("fill-96x96|format-webp", "fill-192x192|format-webp")


def image_prefetch(lookup, specs):
    """A Prefetch for a foreign key to an image, with its renditions."""
    queryset = get_image_model().objects.prefetch_renditions(*specs)
    return Prefetch(lookup, queryset=queryset)


def prefetch_renditions(images, specs):
    """Load the given renditions of many images in one query.

    Images that already carry prefetched renditions are left alone. Wagtail
    then creates only renditions that do not exist yet (the first view).
    """
    images = [
        image
        for image in images
        if image is not None and not hasattr(image, "prefetched_renditions")
    ]
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    found = defaultdict(list)
    for rendition in rendition_model.objects.filter(
        image__in=[image.pk for image in images], filter_spec__in=specs
    ):
        found[rendition.image_id].append(rendition)
    for image in images:
        for rendition in found[image.pk]:
            # Reuse the loaded image rather than fetching it per rendition.
            rendition.image = image
        image.prefetched_renditions = found[image.pk]


def block_images(stream_blocks):
    """Images used by content blocks (image blocks, video posters, photos)."""
    images = []
    for block in stream_blocks:
        value = block.value
        if block.block_type == "image":
            images.append(value.get("image"))
        elif block.block_type == "video":
            images.append(value.get("poster"))
        elif block.block_type == "speaker":
            images.append(value.get("photo"))
    return [image for image in images if image is not None]
