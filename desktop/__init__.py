"""Honnin Desk (本人確認デスク): identity verification for APPI request help desks."""

__all__ = ["APP_NAME", "__version__"]

APP_NAME = "Honnin Desk"
__version__ = "0.1.0"
