from .base import SourcedModel
from .duplicates import ServicePair
from .organisations import Organisation
from .reference import Classification, Municipality
from .search import (
    SearchTerm,
    ServiceOccurrence,
    ServiceOpenSpan,
    ServiceSearchEntry,
    ServiceSearchTerms,
    SynonymSet,
)
from .services import (
    AreaType,
    ChannelAddress,
    ChargeType,
    Email,
    LocalEnrichment,
    OpeningHours,
    Phone,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    WebLink,
    slug_for,
)
from .themes import ICON_CHOICES, ClassificationRule, ServiceTheme, Theme

__all__ = [
    "AreaType",
    "ChannelAddress",
    "ClassificationRule",
    "ChargeType",
    "Classification",
    "Email",
    "ICON_CHOICES",
    "LocalEnrichment",
    "Municipality",
    "OpeningHours",
    "Organisation",
    "Phone",
    "Service",
    "ServiceChannel",
    "ServiceChannelLink",
    "ServicePair",
    "SearchTerm",
    "ServiceOccurrence",
    "ServiceOpenSpan",
    "ServiceSearchEntry",
    "ServiceSearchTerms",
    "SynonymSet",
    "ServiceTheme",
    "SourcedModel",
    "Theme",
    "WebLink",
    "slug_for",
]
