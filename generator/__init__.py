"""Turns a Party branch's YAML records into a MkDocs + Material showcase site."""
