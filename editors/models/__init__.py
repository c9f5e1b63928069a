from .accounts import Account
from .embeds import EmbedOrigin, EmbedWidget
from .feedback import ServiceFeedback
from .local import LocalService
from .log import EditorLogEntry
from .profiles import EditorProfile

__all__ = [
    "Account",
    "EmbedOrigin",
    "EmbedWidget",
    "EditorLogEntry",
    "EditorProfile",
    "LocalService",
    "ServiceFeedback",
]
