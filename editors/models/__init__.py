from .feedback import ServiceFeedback
from .local import LocalService
from .profiles import EditorProfile

__all__ = ["EditorProfile", "LocalService", "ServiceFeedback"]
