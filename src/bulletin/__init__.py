"""Compile the weekly bulletin of a city's social-work stations from YAML entries."""

__version__ = "0.1.0"
