"""Frozen data models shared by every stage. Imports nothing else from xesg."""
