"""Kikigaki: Japanese oral-history interviews to aligned, citable transcripts and subtitles."""
__version__ = "0.1.0"
