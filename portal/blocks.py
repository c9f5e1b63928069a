from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from core.richtext import RICH_TEXT_FEATURES


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    text = blocks.TextBlock(label=_("short description"), required=False, max_length=240)

    class Meta:
        icon = "doc-full"
        label = _("Featured page")
        template = "portal/blocks/featured_page.html"


class FeaturedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("short description"), required=False, max_length=240)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Featured link")
        template = "portal/blocks/featured_link.html"


class FeaturedBlock(blocks.StreamBlock):
    page = FeaturedPageBlock()
    link = FeaturedLinkBlock()


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), form_classname="title", template="portal/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("image"), template="portal/blocks/image.html")
