"""coopr's top floor: the site's wiring and its site-wide pages.

The URLs (`urls`, `api_urls`: the API's router), the home page, the site-wide search
(`search`), the source pages, the Atom feed of changes (`feeds`), the language switch and the
error pages (`views`), and the commands that work on the whole site (`setup`, `bench`). It may
import every app; no app and nothing on the ground floor (the rest of `coopr`) imports it.
Settings, WSGI and ASGI stay in `coopr` itself, where deployment files name them.
"""
