"""library-bulletin: a school library's Markdown and YAML files become a static site and printables."""

__version__ = "0.1.0"
