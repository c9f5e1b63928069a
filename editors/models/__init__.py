from .feedback import ServiceFeedback
from .local import LocalService
from .log import EditorLogEntry
from .profiles import EditorProfile

__all__ = ["EditorLogEntry", "EditorProfile", "LocalService", "ServiceFeedback"]
