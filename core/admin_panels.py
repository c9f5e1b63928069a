"""A panel of counts for the Wagtail admin's home page: each row a label, a number, a link, and
whether the number needs attention. Apps add their own panels (construct_homepage_panels)."""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass
class Row:
    label: str
    count: int
    url: str = ""
    warn: bool = False


class CountsPanel(Component):
    template_name = "core/counts_panel.html"

    def __init__(self, name, heading, rows, order):
        self.name, self.heading, self.rows, self.order = name, heading, rows, order

    def get_context_data(self, parent_context):
        return {"panel": self}
