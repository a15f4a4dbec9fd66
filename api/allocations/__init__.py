"""Allocating the places of a process's application groups by everyone's ranked choices."""
