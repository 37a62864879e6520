"""sinew over HTTP: a read-only JSON API and the analyst's web page (``sinew serve``).

Needs the ``web`` extra (``pip install 'sinew[web]'``). ::

    from sinew.web import create_app
    app = create_app("sinew.duckdb")        # an ASGI app; run it with uvicorn
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
