from .accounts import Account
from .feedback import ServiceFeedback
from .local import LocalService
from .log import EditorLogEntry
from .profiles import EditorProfile

__all__ = ["Account", "EditorLogEntry", "EditorProfile", "LocalService", "ServiceFeedback"]
