"""WSGI entry point for running coopkg under any WSGI server.

    gunicorn --workers 4 --bind 127.0.0.1:8000 'server.wsgi:app'

Settings come from COOPKG_* environment variables (see server/coopkg.env.example).
`coopkg serve` does the same with gunicorn built in.
"""

from coopkg.server import create_app
from coopkg.settings import Settings

app = create_app(Settings.from_sources())
