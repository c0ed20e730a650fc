"""coopr: the ground floor (sources, citations, labels, the API's base) and the site wiring."""

from importlib.metadata import version

# One place for the version: pyproject.toml, read back from the installed package's metadata
# (make venv and the Dockerfile install the project). CHANGELOG.md says what each one brought.
__version__ = version("coopr")
